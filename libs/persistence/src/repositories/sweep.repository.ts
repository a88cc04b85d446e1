// Stores parameter sweeps and the runs they consist of.
import { type DataSource, type EntityManager } from 'typeorm';
import { SweepRunEntity } from '../entities/sweep-run.entity';
import { SweepEntity } from '../entities/sweep.entity';
import { sweepMapper, sweepRunMapper } from '../mappers/sweep.mapper';
import { PersistenceError } from '../persistence.error';
import {
  SWEEP_RUN_STATUSES,
  type NewSweepRecord,
  type SweepRecord,
  type SweepRunRecord,
  type SweepRunStatus,
  type SweepStatus,
} from '../records/sweep.record';
import { optionalKey, requireArray, requireInteger, requireKey, requireOneOf } from '../validation/fields';
import { newSweepRunToRecord, newSweepToRecord, type NewSweepRunRecord } from '../validation/sweep.validation';
import type { RepositoryOptions } from './run.repository';
import { chunk, writeTransaction } from './write-transaction';


/** Sweeps: create, read, list, add their runs, and record each run's outcome. */
export class SweepRepository {
  private readonly now: () => Date;

  constructor(
    private readonly dataSource: DataSource,
    options: RepositoryOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Stores a new sweep with status `running`. Throws SWEEP_EXISTS if the id is taken. */
  async create(input: NewSweepRecord): Promise<SweepRecord> {
    const record = newSweepToRecord(input, this.now());
    const entity = sweepMapper.toPersistence(record);
    return writeTransaction(this.dataSource, async (manager) => {
      if (await manager.existsBy(SweepEntity, { id: record.id })) {
        throw new PersistenceError('SWEEP_EXISTS', `sweep '${record.id}' already exists; sweep ids must be unique`);
      }
      await manager.insert(SweepEntity, entity);
      return record;
    });
  }

  /** The sweep with this id, or null. */
  async get(id: string): Promise<SweepRecord | null> {
    const entity = await this.dataSource.manager.findOneBy(SweepEntity, { id: requireKey(id, 'sweep id') });
    return entity ? sweepMapper.toDomain(entity) : null;
  }

  /** Sweeps, newest first. `limit` defaults to 50 (at most 1000), `offset` to 0. */
  async list(options: { limit?: number; offset?: number } = {}): Promise<SweepRecord[]> {
    const entities = await this.dataSource.manager.find(SweepEntity, {
      order: { createdAt: 'DESC', id: 'DESC' },
      take: Math.min(requireInteger(options.limit ?? 50, 'sweep list limit', 1), 1000),
      skip: requireInteger(options.offset ?? 0, 'sweep list offset'),
    });
    return entities.map(sweepMapper.toDomain);
  }

  /**
   * Adds runs (grid point × replication) to a sweep in one transaction. A run already in the sweep is left as stored
   * (adding the same plan twice is safe). Returns how many were new.
   */
  async addRuns(sweepId: string, runs: readonly NewSweepRunRecord[]): Promise<{ inserted: number; skipped: number }> {
    requireKey(sweepId, 'sweep id');
    requireArray(runs, `adding runs to sweep '${sweepId}'`);
    const entities = runs.map((run, index) => sweepRunMapper.toPersistence(newSweepRunToRecord(sweepId, run, index)));
    return writeTransaction(this.dataSource, async (manager) => {
      await this.requireSweep(manager, sweepId);
      const stored = new Set(
        (await manager.find(SweepRunEntity, { select: { runId: true }, where: { sweepId } })).map((run) => run.runId),
      );
      const fresh: SweepRunEntity[] = [];
      for (const run of entities) {
        // First one wins, in the batch as against the stored runs: adding a plan again never rewrites it.
        if (!stored.has(run.runId)) fresh.push(run);
        stored.add(run.runId);
      }
      for (const rows of chunk(fresh, 500)) {
        await manager.createQueryBuilder().insert().into(SweepRunEntity).values(rows).orIgnore().execute();
      }
      return { inserted: fresh.length, skipped: entities.length - fresh.length };
    });
  }

  /** The sweep's runs, ordered by replication then run id. */
  async runs(sweepId: string): Promise<SweepRunRecord[]> {
    const entities = await this.dataSource.manager.find(SweepRunEntity, {
      where: { sweepId: requireKey(sweepId, 'sweep id') },
      order: { replication: 'ASC', runId: 'ASC' },
    });
    return entities.map(sweepRunMapper.toDomain);
  }

  /** Records a sweep run's status (and digest, once completed). Throws SWEEP_NOT_FOUND naming both ids. */
  async updateRun(sweepId: string, runId: string, update: { status: SweepRunStatus; digest?: string | null }): Promise<SweepRunRecord> {
    const place = `sweep '${requireKey(sweepId, 'sweep id')}' run '${requireKey(runId, 'run id')}'`;
    const status = requireOneOf(update?.status, SWEEP_RUN_STATUSES, `${place} status`);
    const digest = optionalKey(update.digest, `${place} digest`);
    return writeTransaction(this.dataSource, async (manager) => {
      const changes = update.digest === undefined ? { status } : { status, digest };
      const result = await manager.update(SweepRunEntity, { sweepId, runId }, changes);
      if (!result.affected) throw new PersistenceError('SWEEP_NOT_FOUND', `${place}: no such run in the sweep`);
      return sweepRunMapper.toDomain(await manager.findOneByOrFail(SweepRunEntity, { sweepId, runId }));
    });
  }

  /** Marks a running sweep completed. */
  markCompleted(id: string): Promise<SweepRecord> {
    return this.finish(id, 'completed');
  }

  /** Marks a running sweep failed. */
  markFailed(id: string): Promise<SweepRecord> {
    return this.finish(id, 'failed');
  }

  private finish(id: string, status: SweepStatus): Promise<SweepRecord> {
    requireKey(id, 'sweep id');
    return writeTransaction(this.dataSource, async (manager) => {
      const result = await manager.update(SweepEntity, { id, status: 'running' }, { status, finishedAt: this.now().toISOString() });
      if (!result.affected) {
        const current = await this.requireSweep(manager, id);
        throw new PersistenceError('INVALID_TRANSITION', `sweep '${id}' is ${current.status}; only a running sweep can become ${status}`);
      }
      return sweepMapper.toDomain(await manager.findOneByOrFail(SweepEntity, { id }));
    });
  }

  private async requireSweep(manager: EntityManager, id: string): Promise<SweepEntity> {
    const sweep = await manager.findOneBy(SweepEntity, { id });
    if (!sweep) throw new PersistenceError('SWEEP_NOT_FOUND', `no sweep with id '${id}'`);
    return sweep;
  }
}
