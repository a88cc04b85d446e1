// opmon.csv in a run's output folder: the redis transport's opmon records, written once the run's own files are in place.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredOpmon } from '@silolab/persistence';
import { opmonCsv } from '@silolab/runner';

/** Writes `opmon.csv` into `out` (via a temporary file renamed into place), and says what the cap left out. */
export function writeOpmonCsv(out: string, opmon: StoredOpmon): void {
  const path = join(out, 'opmon.csv');
  writeFileSync(`${path}.partial-${process.pid}`, opmonCsv(opmon.records));
  renameSync(`${path}.partial-${process.pid}`, path);
  if (opmon.exchangesNotKept > 0 || opmon.messagesNotKept > 0) {
    process.stderr.write(`opmon.csv: records of the first exchanges only; ${opmon.exchangesNotKept} exchanges and ${opmon.messagesNotKept} messages not kept\n`);
  }
}
