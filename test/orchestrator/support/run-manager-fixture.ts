// Test support: a RunManager over a throw-away SQLite file, opened and closed with the suite (or with each test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunManager, type RunManagerOptions } from '@silolab/orchestration';
import { openDatabase, type Database } from '@silolab/persistence';

/** What a suite uses: the manager and its database, valid between the hooks the fixture registers. */
export interface RunManagerFixture {
  readonly manager: RunManager;
  readonly db: Database;
}

/**
 * Registers hooks that open a fresh SQLite database and a RunManager over it (`options` without `store`), and close
 * both and delete the folder afterwards: once for the suite (`beforeAll`, the default) or around each test.
 */
export function useRunManager(options: Omit<RunManagerOptions, 'store'> = {}, scope: 'suite' | 'each' = 'suite'): RunManagerFixture {
  let folder = '';
  let db: Database | undefined;
  let manager: RunManager | undefined;
  const [before, after] = scope === 'suite' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'silolab-run-manager-'));
    db = await openDatabase({ sqlitePath: join(folder, 'silolab.sqlite') });
    manager = new RunManager({ ...options, store: db });
  });
  after(async () => {
    await manager?.close();
    await db?.close();
    rmSync(folder, { recursive: true, force: true });
  });
  return {
    get manager() {
      if (!manager) throw new Error('the run manager is open only inside the suite');
      return manager;
    },
    get db() {
      if (!db) throw new Error('the database is open only inside the suite');
      return db;
    },
  };
}
