// The persistence conformance suite on SQLite (better-sqlite3), one temporary database file per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDataSource } from '@silolab/persistence';
import { describePersistenceConformance } from './persistence.conformance';

describePersistenceConformance('SQLite', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'silolab-persistence-'));
  const sqlitePath = path.join(folder, 'nested', 'silolab.sqlite');
  return {
    createDataSource: () => createDataSource({ sqlitePath }),
    dispose: async () => rmSync(folder, { recursive: true, force: true }),
  };
});
