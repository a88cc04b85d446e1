// The idempotent batch append shared by tick metrics and the ledger: records are keyed by (run, number); a record
// already stored with the same content is skipped, one stored with different content is a conflict.
import { Between, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { PersistenceError } from '../persistence.error';
import { chunk } from './write-transaction';

/** How many rows were written and how many were already there. */
export interface AppendResult {
  inserted: number;
  skipped: number;
}

/** What {@link appendKeyed} needs to know about one kind of record. */
export interface KeyedTable<E extends ObjectLiteral> {
  entity: EntityTarget<E>;
  /** Property holding the per-run number (`tick` or `seq`). */
  numberProperty: keyof E & string;
  /** What the records are called in messages, e.g. "tick metrics". */
  label: string;
  /** Text that must be equal for a re-appended record to count as the same record. */
  fingerprint(entity: E): string;
  /** Rows per INSERT; keeps bound parameters under SQLite's and PostgreSQL's limits. */
  rowsPerInsert: number;
}

/** Reads a per-run number column (bigint columns come back from PostgreSQL as strings). */
const numberOf = <E extends ObjectLiteral>(entity: E, property: keyof E): number => Number(entity[property]);

/**
 * Inserts the entities not stored yet, inside the caller's transaction. Duplicates inside the batch must be equal;
 * records already stored must be equal to the stored ones. Throws CONFLICTING_RECORD otherwise (so the caller's
 * transaction rolls back and nothing of the batch is written).
 */
export async function appendKeyed<E extends ObjectLiteral & { runId: string }>(
  manager: EntityManager,
  table: KeyedTable<E>,
  entities: readonly E[],
): Promise<AppendResult> {
  const fresh = dedupe(table, entities);
  const byRun = new Map<string, E[]>();
  for (const entity of fresh) {
    const batch = byRun.get(entity.runId);
    if (batch) batch.push(entity);
    else byRun.set(entity.runId, [entity]);
  }

  const toInsert: E[] = [];
  for (const [runId, batch] of byRun) {
    const numbers = batch.map((entity) => numberOf(entity, table.numberProperty));
    const lowest = numbers.reduce((a, b) => Math.min(a, b));
    const highest = numbers.reduce((a, b) => Math.max(a, b));
    const stored = await manager.find(table.entity, {
      where: { runId, [table.numberProperty]: Between(lowest, highest) } as never,
    });
    const storedByNumber = new Map(stored.map((entity) => [numberOf(entity, table.numberProperty), entity]));
    for (const entity of batch) {
      const existing = storedByNumber.get(numberOf(entity, table.numberProperty));
      if (!existing) toInsert.push(entity);
      else if (table.fingerprint(existing) !== table.fingerprint(entity)) throw conflict(table, entity, 'already stored');
    }
  }
  for (const rows of chunk(toInsert, table.rowsPerInsert)) {
    // ON CONFLICT DO NOTHING (both drivers) covers a concurrent writer appending the same keys meanwhile.
    await manager.createQueryBuilder().insert().into(table.entity).values(rows as never).orIgnore().execute();
  }
  return { inserted: toInsert.length, skipped: entities.length - toInsert.length };
}

function dedupe<E extends ObjectLiteral & { runId: string }>(table: KeyedTable<E>, entities: readonly E[]): E[] {
  const seen = new Map<string, E>();
  for (const entity of entities) {
    const key = `${entity.runId}\u0000${numberOf(entity, table.numberProperty)}`;
    const earlier = seen.get(key);
    if (!earlier) seen.set(key, entity);
    else if (table.fingerprint(earlier) !== table.fingerprint(entity)) throw conflict(table, entity, 'given twice in the batch');
  }
  return [...seen.values()];
}

function conflict<E extends ObjectLiteral & { runId: string }>(table: KeyedTable<E>, entity: E, why: string): PersistenceError {
  return new PersistenceError(
    'CONFLICTING_RECORD',
    `${table.label} of run '${entity.runId}' ${table.numberProperty} ${numberOf(entity, table.numberProperty)}: ` +
      `${why} with different content; a record is written once and never changed`,
  );
}
