// Marginal summaries: a metric against one parameter's levels, averaged over every other parameter — streamed.
import { withinRange } from '../statistics/bounded-interval';
import { intervalFromMoments, type MeanInterval } from '../statistics/mean-interval';
import { columnInfo } from '../tables/metric-info';
import { RunningMoments } from '../statistics/running-moments';

/**
 * Accumulates run values by (column, parameter, level) with O(1) memory per key, so a report's "averaged over the
 * other parameters" curves cost nothing however many runs a sweep has. The interval treats the pooled runs at a
 * level as one sample: it describes the average over the design's other points, weighted as the design weights them.
 */
export class MarginalSummary {
  private readonly moments = new Map<string, RunningMoments>();

  private static key(column: string, parameter: string, level: unknown): string {
    return JSON.stringify([column, parameter, level]);
  }

  /** Adds a run's value of `column` at `level` of `parameter`. */
  push(column: string, parameter: string, level: unknown, value: number | null): void {
    if (value === null) return;
    const key = MarginalSummary.key(column, parameter, level);
    let moments = this.moments.get(key);
    if (!moments) this.moments.set(key, (moments = new RunningMoments()));
    moments.push(value);
  }

  /** Mean and interval of `column` over every run at `level` of `parameter`. */
  interval(column: string, parameter: string, level: unknown, confidence = 0.95): MeanInterval {
    const moments = this.moments.get(MarginalSummary.key(column, parameter, level));
    if (!moments) return intervalFromMoments(0, NaN, NaN, confidence);
    return withinRange(intervalFromMoments(moments.n, moments.mean, moments.sd, confidence), columnInfo(column));
  }
}
