// Maps between the `tick_metrics` row and the plain TickMetricsRecord.
import { TickMetricsEntity } from '../entities/tick-metrics.entity';
import type { TickMetricsRecord } from '../records/tick-metrics.record';
import { fromJsonText, toMetricsText } from '../validation/json-text';

/** Mapper of {@link TickMetricsRecord} ⇄ {@link TickMetricsEntity}. */
export const tickMetricsMapper = {
  toDomain(entity: TickMetricsEntity): TickMetricsRecord {
    return { runId: entity.runId, tick: entity.tick, metrics: fromJsonText<Record<string, number>>(entity.metrics) };
  },

  /** Serialises the metrics with sorted keys; throws INVALID_RECORD naming a non-finite metric. */
  toPersistence(record: TickMetricsRecord): TickMetricsEntity {
    const entity = new TickMetricsEntity();
    entity.runId = record.runId;
    entity.tick = record.tick;
    entity.metrics = toMetricsText(record.metrics, `tick metrics of run '${record.runId}' tick ${record.tick}`);
    return entity;
  },
};
