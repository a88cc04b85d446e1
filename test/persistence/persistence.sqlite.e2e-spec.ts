// The persistence conformance suite on SQLite (better-sqlite3), one temporary database file per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDataSource, openDatabase } from '@silolab/persistence';
import { describePersistenceConformance } from './persistence.conformance';

describePersistenceConformance('SQLite', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'silolab-persistence-'));
  const sqlitePath = path.join(folder, 'nested', 'silolab.sqlite');
  return {
    createDataSource: () => createDataSource({ sqlitePath }),
    dispose: async () => rmSync(folder, { recursive: true, force: true }),
  };
});

describe('SQLite specifics', () => {
  it('creates the folder of the database file and opens it in WAL mode', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'silolab-wal-'));
    const db = await openDatabase({ sqlitePath: path.join(folder, 'a', 'b', 'silolab.sqlite') });
    try {
      expect(await db.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
