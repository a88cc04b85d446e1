// Checks, inside a write's transaction, that every run a batch refers to exists.
import { In, type EntityManager } from 'typeorm';
import { RunEntity } from '../entities/run.entity';
import { PersistenceError } from '../persistence.error';

/** Throws RUN_NOT_FOUND naming the first run id of the batch that is not stored. */
export async function requireRunsExist(manager: EntityManager, runIds: Iterable<string>, what: string): Promise<void> {
  const wanted = [...new Set(runIds)];
  if (wanted.length === 0) return;
  const found = new Set((await manager.find(RunEntity, { select: { id: true }, where: { id: In(wanted) } })).map((run) => run.id));
  const missing = wanted.find((id) => !found.has(id));
  if (missing !== undefined) {
    throw new PersistenceError('RUN_NOT_FOUND', `${what}: no run with id '${missing}'; create the run first`);
  }
}
