// A consistent copy of the SQLite database while it is in use (SQLite's online backup), checked before it is kept.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { checkSqliteFile, DATABASE_MARKER_SUFFIX } from './database-check';
import { PersistenceError } from './persistence.error';

/** What a backup wrote. */
export interface BackupResult {
  path: string;
  bytes: number;
  pages: number;
}

/**
 * Copies the SQLite database at `source` to `destination` with SQLite's online backup API (safe while an
 * orchestrator writes to it), then checks the copy with `PRAGMA quick_check` before moving it into place. A damaged
 * source is refused (a backup of damage is no backup); an existing destination is never overwritten.
 */
export async function backupSqlite(source: string, destination: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new PersistenceError('DATABASE_MISSING', `no database at ${source} to back up`);
  if (existsSync(destination)) throw new PersistenceError('INVALID_OPTIONS', `${destination} exists; a backup never overwrites a file`);
  checkSqliteFile(source);
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}.partial-${process.pid}`;
  const db = new Sqlite(source, { fileMustExist: true });
  try {
    const { totalPages } = await db.backup(partial);
    checkSqliteFile(partial);
    const copy = new Sqlite(partial, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    renameSync(partial, destination);
    return { path: destination, bytes: statSync(destination).size, pages: totalPages };
  } finally {
    db.close();
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}${DATABASE_MARKER_SUFFIX}`]) rmSync(leftover, { force: true });
  }
}
