// Runs a write as one transaction, so a failed batch leaves the database as it was.
import type { DataSource, EntityManager } from 'typeorm';

// better-sqlite3 gives TypeORM one connection for the whole DataSource, so two transactions started concurrently would
// nest (the second becomes a savepoint of the first) and a rollback of one would undo the other. Writes to SQLite are
// therefore queued one after another per DataSource; PostgreSQL has a pool and real concurrent transactions.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/** Runs `work` inside a transaction; everything it wrote is rolled back if it throws. */
export function writeTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  sqliteQueues.set(dataSource, next);
  return next;
}

/** Splits `items` into consecutive slices of at most `size` (to stay under the drivers' bound-parameter limits). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
