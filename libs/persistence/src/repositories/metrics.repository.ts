// Stores the metrics each tick of a run emitted; appends are batched, transactional and idempotent on (run, tick).
import { Between, LessThanOrEqual, MoreThanOrEqual, type DataSource, type FindOperator } from 'typeorm';
import { TickMetricsEntity } from '../entities/tick-metrics.entity';
import { tickMetricsMapper } from '../mappers/tick-metrics.mapper';
import type { TickMetricsRecord } from '../records/tick-metrics.record';
import { MAX_INT32, requireArray, requireInteger, requireKey, requireObject } from '../validation/fields';
import { appendKeyed, type AppendResult, type KeyedTable } from './keyed-append';
import { requireRunsExist } from './require-runs';
import { writeTransaction } from './write-transaction';

const TICK_METRICS_TABLE: KeyedTable<TickMetricsEntity> = {
  entity: TickMetricsEntity,
  numberProperty: 'tick',
  label: 'tick metrics',
  fingerprint: (entity) => entity.metrics,
  rowsPerInsert: 500,
};

/** Per-tick metrics of runs. */
export class MetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends a batch of tick metrics in one transaction. Re-appending a tick with the same metrics is a no-op (so a
   * retried write is safe); different metrics for a stored tick throw CONFLICTING_RECORD. A non-finite value throws
   * INVALID_RECORD naming the run, tick and metric; an unknown run throws RUN_NOT_FOUND. On any error nothing of the
   * batch is written.
   */
  async appendTicks(records: readonly TickMetricsRecord[]): Promise<AppendResult> {
    requireArray(records, 'appending tick metrics');
    const entities = records.map((record, index) => {
      requireObject(record, `tick metrics [${index}]`);
      const runId = requireKey(record.runId, `tick metrics [${index}] runId`);
      requireInteger(record.tick, `tick metrics of run '${runId}' [${index}] tick`, 0, MAX_INT32);
      return tickMetricsMapper.toPersistence(record);
    });
    if (entities.length === 0) return { inserted: 0, skipped: 0 };
    return writeTransaction(this.dataSource, async (manager) => {
      await requireRunsExist(manager, entities.map((entity) => entity.runId), 'appending tick metrics');
      return appendKeyed(manager, TICK_METRICS_TABLE, entities);
    });
  }

  /** The run's tick metrics in tick order, from `fromTick` to `toTick` inclusive when given. */
  async list(runId: string, fromTick?: number, toTick?: number): Promise<TickMetricsRecord[]> {
    requireKey(runId, 'run id');
    const from = fromTick === undefined ? undefined : requireInteger(fromTick, 'fromTick');
    const to = toTick === undefined ? undefined : requireInteger(toTick, 'toTick');
    const range = tickRange(from, to);
    const entities = await this.dataSource.manager.find(TickMetricsEntity, {
      where: range ? { runId, tick: range } : { runId },
      order: { tick: 'ASC' },
    });
    return entities.map(tickMetricsMapper.toDomain);
  }
}

function tickRange(from: number | undefined, to: number | undefined): FindOperator<number> | undefined {
  if (from !== undefined && to !== undefined) return Between(from, to);
  if (from !== undefined) return MoreThanOrEqual(from);
  if (to !== undefined) return LessThanOrEqual(to);
  return undefined;
}
