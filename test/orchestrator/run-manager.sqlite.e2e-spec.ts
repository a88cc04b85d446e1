// The run manager on SQLite: one temporary database file per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeRunManager } from './run-manager.conformance';

describeRunManager('SQLite', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'silolab-orchestration-'));
  return { options: { sqlitePath: path.join(folder, 'silolab.sqlite') }, dispose: async () => rmSync(folder, { recursive: true, force: true }) };
});
