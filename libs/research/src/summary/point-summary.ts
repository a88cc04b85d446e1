// Summaries per parameter point: each chosen metric's mean over the replications, with its confidence interval.
import { withinRange, type RangedInterval } from '../statistics/bounded-interval';
import { meanInterval } from '../statistics/mean-interval';
import { columnInfo } from '../tables/metric-info';

/** One metric at one point. Values that were undefined in a run (null) are counted in `missing`, not averaged. */
export type MetricSummary = RangedInterval & {
  column: string;
  missing: number;
};

/**
 * Summarises the replications of one point: for each column, {@link meanInterval} over the runs' values, kept
 * inside the column's range ({@link withinRange}: a rate's interval stays within 0..1, a count's above 0).
 * `values[column]` holds one entry per finished replication, null where the run reported no finite value.
 */
export function summarisePoint(values: Record<string, Array<number | null>>, columns: string[], level = 0.95): MetricSummary[] {
  return columns.map((column) => {
    const all = values[column] ?? [];
    const finite = all.filter((value): value is number => value !== null && Number.isFinite(value));
    return { column, missing: all.length - finite.length, ...withinRange(meanInterval(finite, level), columnInfo(column)) };
  });
}
