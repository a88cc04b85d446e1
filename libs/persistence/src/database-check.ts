// Opening a SQLite file only when it is whole: an emptied, truncated or garbled database stops start-up with a clear
// message and what to do, instead of serving an empty history or failing later on the first damaged page.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import Sqlite from 'better-sqlite3';
import { PersistenceError } from './persistence.error';

/**
 * Written next to a database once SiloLab has created it (`silolab.sqlite.created`): a database file that is missing
 * or empty while its marker exists was emptied or deleted, not never made. Remove the marker to start afresh.
 */
export const DATABASE_MARKER_SUFFIX = '.created';

/** Problems `PRAGMA quick_check` reports, shown at most. */
const SHOWN_PROBLEMS = 3;

const recovery = (path: string) =>
  `restore it from a backup (silolab backup writes one; docs/persistence.md#backups), or move it aside to start with an empty database: mv ${path} ${path}.damaged; rm -f ${path}-wal ${path}-shm ${path}${DATABASE_MARKER_SUFFIX}`;

/**
 * Checks the SQLite file at `path` before it is opened for use. A file that does not exist (and never did: no
 * marker) is a new database. Throws {@link PersistenceError} `DATABASE_MISSING` when the file is gone but SiloLab had
 * created a database there, or is empty (0 bytes: truncated, or never written — either way not a database to start
 * from silently), and `DATABASE_DAMAGED` when it is not a database or `PRAGMA quick_check` finds damage.
 */
export function checkSqliteFile(path: string): void {
  const marker = `${path}${DATABASE_MARKER_SUFFIX}`;
  const size = existsSync(path) ? statSync(path).size : -1;
  if (size < 0 && !existsSync(marker)) return;
  if (size <= 0) {
    const created = existsSync(marker);
    throw new PersistenceError(
      'DATABASE_MISSING',
      `the database ${path} is ${size < 0 ? 'missing' : 'empty (0 bytes)'}${created ? `, but SiloLab created a database there (${basename(marker)})` : ''}: starting on it would show no runs without a word. Restore it from a backup (docs/persistence.md#backups); to start with an empty database on purpose, remove ${size < 0 ? marker : `${path}${created ? ` and ${marker}` : ''}`}.`,
    );
  }
  let problems: string[];
  try {
    const db = new Sqlite(path, { fileMustExist: true });
    try {
      problems = (db.pragma('quick_check') as Array<{ quick_check: string }>).flatMap((row) => row.quick_check.split('\n')).filter((line) => line !== 'ok' && !line.startsWith('*** in database'));
    } finally {
      db.close();
    }
  } catch (error) {
    problems = [(error as Error).message];
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ') + (problems.length > SHOWN_PROBLEMS ? `; … ${problems.length - SHOWN_PROBLEMS} more` : '');
    throw new PersistenceError('DATABASE_DAMAGED', `the database ${path} is damaged (integrity check: ${shown}). Nothing was changed; ${recovery(path)}`);
  }
}

/** Leaves the marker that says a database was created at `path` (once; it is never rewritten). */
export function markSqliteFile(path: string): void {
  const marker = `${path}${DATABASE_MARKER_SUFFIX}`;
  if (existsSync(marker)) return;
  writeFileSync(marker, `SiloLab created the database ${basename(path)} in this folder. While this file exists, a missing or empty ${basename(path)} stops start-up instead of starting over with no runs (docs/persistence.md).\n`);
}
