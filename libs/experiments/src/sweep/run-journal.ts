// The sweep's journal: append-only records of finished runs, the source of truth for --resume and every output.
//
//   journal/ticks.ndjson   {"run":12,"ticks":[[…metrics of tick 0…],[…tick 1…],…]}   one line per finished run
//   journal/runs.ndjson    {"type":"silolab.sweep.result.v1","run":12,…,"meta":{…}}   one line per finished run
//
// A run's ticks line is written before its runs line, each with one synchronous append, so a killed process leaves
// at most a torn last line, which `open` cuts off. A run counts as finished when both files hold it. Lines are
// found again by byte offset (12 bytes of index per run), so reading the journal back never holds it in memory.
import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runOutcomeSchema, type RunOutcome } from '@silolab/research';

/** Facts about how a run was executed; kept in the journal, never in runs.csv (they differ between executions). */
export interface RunMeta {
  wallTimeMs: number;
  worker: string;
  /** Peak resident memory of the process that ran it, in bytes. */
  maxRssBytes: number;
}

/** A journal record: the outcome without its tick rows, plus how it was executed. */
export type JournalRecord = Omit<RunOutcome, 'ticks'> & { meta: RunMeta };

const CHUNK = 1 << 20;

/** Byte offsets and lengths of the last complete line of each run in one journal file. */
class LineIndex {
  readonly offset: Float64Array;
  readonly length: Int32Array;

  constructor(runs: number) {
    this.offset = new Float64Array(runs).fill(-1);
    this.length = new Int32Array(runs);
  }

  has(run: number): boolean {
    return run >= 0 && run < this.offset.length && this.offset[run] >= 0;
  }
}

/**
 * Scans `fd` line by line, calling `visit(line, offset)` for each complete line; returns the length of the complete
 * part of the file (everything up to and including the last newline).
 */
function scanLines(fd: number, visit: (line: Buffer, offset: number) => void): number {
  const size = fstatSync(fd).size;
  let carry = Buffer.alloc(0);
  let position = 0;
  let complete = 0;
  const buffer = Buffer.allocUnsafe(CHUNK);
  while (position < size) {
    const read = readSync(fd, buffer, 0, CHUNK, position);
    if (read === 0) break;
    let data = Buffer.concat([carry, buffer.subarray(0, read)]);
    const base = position - carry.length;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
      visit(data.subarray(start, nl), base + start);
      start = nl + 1;
      complete = base + start;
    }
    carry = Buffer.from(data.subarray(start));
    data = Buffer.alloc(0);
    position += read;
  }
  return complete;
}

/** The append-only journal of one sweep folder. */
export class RunJournal {
  private readonly runsFd: number;
  private readonly ticksFd: number;
  private readonly runsIndex: LineIndex;
  private readonly ticksIndex: LineIndex;
  private runsSize = 0;
  private ticksSize = 0;
  /** Metric names seen in finished runs, in first-seen order. */
  readonly metricKeys = new Set<string>();

  private constructor(
    readonly directory: string,
    readonly runCount: number,
  ) {
    mkdirSync(directory, { recursive: true });
    this.runsFd = openSync(join(directory, 'runs.ndjson'), 'a+');
    this.ticksFd = openSync(join(directory, 'ticks.ndjson'), 'a+');
    this.runsIndex = new LineIndex(runCount);
    this.ticksIndex = new LineIndex(runCount);
  }

  /** Opens (creating) the journal in `directory`, cutting off torn last lines and indexing finished runs. */
  static open(directory: string, runCount: number): RunJournal {
    const journal = new RunJournal(directory, runCount);
    journal.load();
    return journal;
  }

  /** Whether a journal exists in `directory`. */
  static exists(directory: string): boolean {
    return existsSync(join(directory, 'runs.ndjson'));
  }

  private load(): void {
    this.ticksSize = scanLines(this.ticksFd, (line, offset) => {
      const match = /^\{"run":(\d+),"ticks":\[/.exec(line.subarray(0, 32).toString('latin1'));
      if (!match || line[line.length - 1] !== 0x7d) return;
      const run = Number(match[1]);
      if (run < this.runCount) {
        this.ticksIndex.offset[run] = offset;
        this.ticksIndex.length[run] = line.length;
      }
    });
    this.runsSize = scanLines(this.runsFd, (line, offset) => {
      let record: JournalRecord;
      try {
        record = JSON.parse(line.toString('utf8')) as JournalRecord;
      } catch {
        return;
      }
      if (!Number.isInteger(record.run) || record.run < 0 || record.run >= this.runCount) return;
      this.runsIndex.offset[record.run] = offset;
      this.runsIndex.length[record.run] = line.length;
      for (const key of record.metricKeys ?? []) this.metricKeys.add(key);
    });
    // Cut torn tails so the next append starts on a fresh line.
    if (fstatSync(this.ticksFd).size !== this.ticksSize) ftruncateSync(this.ticksFd, this.ticksSize);
    if (fstatSync(this.runsFd).size !== this.runsSize) ftruncateSync(this.runsFd, this.runsSize);
  }

  /** Whether run `run` has finished (both its lines are in the journal). */
  has(run: number): boolean {
    return this.runsIndex.has(run) && this.ticksIndex.has(run);
  }

  /** Number of finished runs. */
  get finished(): number {
    let count = 0;
    for (let run = 0; run < this.runCount; run++) if (this.has(run)) count++;
    return count;
  }

  /** Appends a finished run (ticks first, then the record). A run already journaled is ignored: results are deterministic. */
  append(outcome: RunOutcome, meta: RunMeta): boolean {
    if (this.has(outcome.run)) return false;
    const { ticks, ...record } = runOutcomeSchema.parse(outcome);
    const ticksLine = Buffer.from(`{"run":${outcome.run},"ticks":${JSON.stringify(ticks)}}\n`);
    const runsLine = Buffer.from(JSON.stringify({ ...record, meta }) + '\n');
    writeFully(this.ticksFd, ticksLine);
    this.ticksIndex.offset[outcome.run] = this.ticksSize;
    this.ticksIndex.length[outcome.run] = ticksLine.length - 1;
    this.ticksSize += ticksLine.length;
    writeFully(this.runsFd, runsLine);
    this.runsIndex.offset[outcome.run] = this.runsSize;
    this.runsIndex.length[outcome.run] = runsLine.length - 1;
    this.runsSize += runsLine.length;
    for (const key of outcome.metricKeys) this.metricKeys.add(key);
    return true;
  }

  /** The journal record of a finished run, or null. */
  record(run: number): JournalRecord | null {
    if (!this.has(run)) return null;
    return JSON.parse(readAt(this.runsFd, this.runsIndex.offset[run], this.runsIndex.length[run])) as JournalRecord;
  }

  /** The tick rows of a finished run (in its record's `metricKeys` order), or null. */
  ticks(run: number): Array<Array<number | null>> | null {
    if (!this.has(run)) return null;
    return (JSON.parse(readAt(this.ticksFd, this.ticksIndex.offset[run], this.ticksIndex.length[run])) as { ticks: Array<Array<number | null>> }).ticks;
  }

  close(): void {
    closeSync(this.runsFd);
    closeSync(this.ticksFd);
  }
}

function writeFully(fd: number, data: Buffer): void {
  let written = 0;
  while (written < data.length) written += writeSync(fd, data, written, data.length - written);
}

let scratch = Buffer.allocUnsafe(1 << 16);

/** Reads `length` bytes at `offset` as UTF-8 through one reused buffer (no native allocation per record). */
function readAt(fd: number, offset: number, length: number): string {
  if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, scratch.length * 2));
  let read = 0;
  while (read < length) read += readSync(fd, scratch, read, length - read, offset + read);
  return scratch.toString('utf8', 0, length);
}
