// Stores runs and moves them through their statuses: running → completed | failed | paused, paused → running.
import { hostname } from 'node:os';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { RunEntity } from '../entities/run.entity';
import { runMapper } from '../mappers/run.mapper';
import { isLocalOwnerAlive, type OwnerLiveness } from '../owner-liveness';
import { PersistenceError } from '../persistence.error';
import { RUN_STATUSES, type NewRunRecord, type RunCompletion, type RunRecord, type RunStatus } from '../records/run.record';
import { MAX_INT32, optionalInteger, optionalKey, requireInteger, requireKey, requireOneOf, requireText } from '../validation/fields';
import { newRunToRecord, validateCompletion, type RunOwner } from '../validation/run.validation';
import { writeTransaction } from './write-transaction';

/** The error stored on a run whose orchestrator died while it ran. */
export const ORPHANED_RUN_ERROR = 'orchestrator process ended while the run was running';

/** Options shared by the repositories. */
export interface RepositoryOptions {
  /** Clock for `createdAt` / `finishedAt`. Default: the system clock. */
  now?: () => Date;
}

/** Paging and filtering for {@link RunRepository.list}. */
export interface RunListOptions {
  /** At most this many runs (1..1000). Default: 50. */
  limit?: number;
  /** Skip this many of the newest runs first. Default: 0. */
  offset?: number;
  /** Only runs with this status. Default: all. */
  status?: RunStatus;
}

type RunChanges = Partial<Pick<RunEntity, 'status' | 'digest' | 'ledgerHead' | 'wallTimeMs' | 'error' | 'finishedAt' | 'ownerPid' | 'ownerHost'>>;

/** Runs: create, read, list, and the status changes of a run's life. */
export class RunRepository {
  private readonly now: () => Date;

  constructor(
    private readonly dataSource: DataSource,
    options: RepositoryOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Stores a new run with status `running`. Throws RUN_EXISTS if the id is taken, INVALID_RECORD on bad input. */
  async create(input: NewRunRecord): Promise<RunRecord> {
    const record = newRunToRecord(input, this.now(), { pid: process.pid, host: hostname() });
    const entity = runMapper.toPersistence(record);
    return writeTransaction(this.dataSource, async (manager) => {
      if (await manager.existsBy(RunEntity, { id: record.id })) {
        throw new PersistenceError('RUN_EXISTS', `run '${record.id}' already exists; run ids must be unique`);
      }
      await manager.insert(RunEntity, entity);
      return record;
    });
  }

  /** The run with this id, or null if there is none. */
  async get(id: string): Promise<RunRecord | null> {
    const entity = await this.dataSource.manager.findOneBy(RunEntity, { id: requireKey(id, 'run id') });
    return entity ? runMapper.toDomain(entity) : null;
  }

  /** Runs, newest first (by `createdAt`, then id). */
  async list(options: RunListOptions = {}): Promise<RunRecord[]> {
    const limit = requireInteger(options.limit ?? 50, 'run list limit', 1);
    const offset = requireInteger(options.offset ?? 0, 'run list offset', 0);
    const status = options.status === undefined ? undefined : requireOneOf(options.status, RUN_STATUSES, 'run list status');
    const entities = await this.dataSource.manager.find(RunEntity, {
      where: status ? { status } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: Math.min(limit, 1000),
      skip: offset,
    });
    return entities.map(runMapper.toDomain);
  }

  /** Marks a running run completed with its digest, ledger head and wall time. */
  async markCompleted(id: string, completion: RunCompletion): Promise<RunRecord> {
    const outcome = validateCompletion(requireKey(id, 'run id'), completion);
    return this.transition(id, ['running'], 'completed', { ...outcome, finishedAt: this.now().toISOString() });
  }

  /** Marks a running or paused run failed, storing why. */
  async markFailed(id: string, error: string): Promise<RunRecord> {
    const message = requireText(error, `failure of run '${id}' error`);
    return this.transition(id, ['running', 'paused'], 'failed', { error: message, finishedAt: this.now().toISOString() });
  }

  /** Marks a running run paused. */
  async markPaused(id: string): Promise<RunRecord> {
    return this.transition(id, ['running'], 'paused', {});
  }

  /** Marks a paused run running again, owned by this process (or the owner given). */
  async markResumed(id: string, owner: RunOwner = { pid: process.pid, host: hostname() }): Promise<RunRecord> {
    const ownerPid = optionalInteger(owner?.pid, `new owner of run '${id}' pid`, 1, MAX_INT32);
    const ownerHost = optionalKey(owner?.host, `new owner of run '${id}' host`);
    return this.transition(id, ['paused'], 'running', { ownerPid, ownerHost });
  }

  /**
   * Marks every `running` run whose owner is gone as `failed` with {@link ORPHANED_RUN_ERROR}, and returns them.
   * Call it when an orchestrator starts, so a crash is recorded rather than leaving runs "running" for ever.
   */
  async failOrphans(isAlive: OwnerLiveness = isLocalOwnerAlive): Promise<RunRecord[]> {
    const running = await this.dataSource.manager.findBy(RunEntity, { status: 'running' });
    const orphanIds = running.filter((run) => !isAlive(run.ownerPid, run.ownerHost)).map((run) => run.id);
    if (orphanIds.length === 0) return [];
    const finishedAt = this.now().toISOString();
    return writeTransaction(this.dataSource, async (manager) => {
      // Re-check the status inside the transaction: a run that completed meanwhile is left alone.
      await manager.update(RunEntity, { id: In(orphanIds), status: 'running' }, { status: 'failed', error: ORPHANED_RUN_ERROR, finishedAt });
      const failed = await manager.findBy(RunEntity, { id: In(orphanIds), status: 'failed', error: ORPHANED_RUN_ERROR, finishedAt });
      return failed.map(runMapper.toDomain);
    });
  }

  /**
   * Takes over a `running` run from its dead owner `from` (for resuming it): the run is this process's (or `to`'s) only
   * if it was still running under `from`, so of two orchestrators recovering the same database, one gets it. Returns
   * the claimed run, or null when another process took it first (or it ended meanwhile).
   */
  async claimOrphan(id: string, from: RunOwner, to: RunOwner = { pid: process.pid, host: hostname() }): Promise<RunRecord | null> {
    requireKey(id, 'run id');
    const ownerPid = optionalInteger(to?.pid, `new owner of run '${id}' pid`, 1, MAX_INT32);
    const ownerHost = optionalKey(to?.host, `new owner of run '${id}' host`);
    return writeTransaction(this.dataSource, async (manager) => {
      const where = { id, status: 'running' as const, ownerPid: from.pid === null ? IsNull() : from.pid, ownerHost: from.host === null ? IsNull() : from.host };
      const result = await manager.update(RunEntity, where, { ownerPid, ownerHost });
      if (!result.affected) return null;
      return runMapper.toDomain(await manager.findOneByOrFail(RunEntity, { id }));
    });
  }

  /**
   * Appends a lever change to the manifest's `levers` (path, value, the tick it applies from), so a run changed live
   * can be reproduced from its stored record. Only a running or paused run takes levers.
   */
  async recordLever(id: string, lever: { path: string; value: unknown; fromTick: number }): Promise<RunRecord> {
    requireKey(id, 'run id');
    requireText(lever.path, 'lever path');
    requireInteger(lever.fromTick, 'lever fromTick', 0, MAX_INT32);
    return writeTransaction(this.dataSource, async (manager) => {
      const entity = await manager.findOneBy(RunEntity, { id });
      if (!entity) throw new PersistenceError('RUN_NOT_FOUND', `no run with id '${id}'`);
      if (entity.status !== 'running' && entity.status !== 'paused') {
        throw new PersistenceError('INVALID_TRANSITION', `run '${id}' is ${entity.status}; levers change only running or paused runs`);
      }
      const record = runMapper.toDomain(entity);
      const manifest = { ...record.manifest } as Record<string, unknown>;
      const levers = Array.isArray(manifest.levers) ? manifest.levers : [];
      manifest.levers = [...levers, { path: lever.path, value: lever.value, fromTick: lever.fromTick }];
      const updated = runMapper.toPersistence({ ...record, manifest });
      await manager.update(RunEntity, { id }, { manifest: updated.manifest });
      return runMapper.toDomain(await manager.findOneByOrFail(RunEntity, { id }));
    });
  }

  private transition(id: string, from: RunStatus[], to: RunStatus, changes: RunChanges): Promise<RunRecord> {
    requireKey(id, 'run id');
    return writeTransaction(this.dataSource, async (manager) => {
      const result = await manager.update(RunEntity, { id, status: In(from) }, { ...changes, status: to });
      if (!result.affected) await this.explainRefusedTransition(manager, id, from, to);
      return runMapper.toDomain(await manager.findOneByOrFail(RunEntity, { id }));
    });
  }

  private async explainRefusedTransition(manager: EntityManager, id: string, from: RunStatus[], to: RunStatus): Promise<never> {
    const current = await manager.findOneBy(RunEntity, { id });
    if (!current) throw new PersistenceError('RUN_NOT_FOUND', `no run with id '${id}'`);
    throw new PersistenceError(
      'INVALID_TRANSITION',
      `run '${id}' is ${current.status}; it can become ${to} only when ${from.join(' or ')}`,
    );
  }
}
