// Every chosen metric over time, per design point: the mean over replications at each tick with its interval, for
// the report's time-series charts. Memory: points shown × metrics × ticks running moments.
import { columnInfo, intervalFromMoments, metricInfo, RunningMoments, withinRange, type SweepPlan } from '@silolab/research';

/** At most this many points get time-series lines (the first in the sweep's spread-out start order). */
export const MAX_TIME_SERIES_POINTS = 12;
/** Series longer than this are thinned to every k-th tick for the page. */
const MAX_TICKS_DRAWN = 240;

/** One metric's lines: per shown point, mean and interval at each drawn tick. */
export interface TimeSeriesChart {
  metric: string;
  label: string;
  meaning: string;
  min: number | null;
  max: number | null;
  ticks: number[];
  series: Array<{ point: number; mean: Array<number | null>; low: Array<number | null>; high: Array<number | null> }>;
}

/** What the report draws over time, and what it left out. */
export interface TimeSeriesData {
  points: number[];
  totalPoints: number;
  stride: number;
  charts: TimeSeriesChart[];
}

/** The metric of metrics.csv behind a summarised runs.csv column (`mean.X`/`final.X` → X, `total.refusals.Y` → refusals.Y). */
export function tickMetricOf(column: string): string {
  return column.replace(/^(final|mean|total)\./, '');
}

/** Accumulates the tick rows of the shown points' runs. */
export class TickBands {
  readonly points: number[];
  private readonly shown: Map<number, number>;
  private readonly metrics: string[];
  private readonly moments: RunningMoments[][][];

  constructor(
    private readonly plan: SweepPlan,
    metricKeys: string[],
  ) {
    const order: number[] = [];
    for (const run of plan.order) {
      const point = Math.floor(run / plan.replications);
      if (!order.includes(point)) order.push(point);
      if (order.length >= MAX_TIME_SERIES_POINTS) break;
    }
    this.points = order.sort((a, b) => a - b);
    this.shown = new Map(this.points.map((p, i) => [p, i]));
    this.metrics = [...new Set(plan.summaryColumns.map(tickMetricOf))].filter((m) => metricKeys.includes(m));
    this.moments = this.points.map(() => this.metrics.map(() => Array.from({ length: plan.ticks }, () => new RunningMoments())));
  }

  /** Adds one run's tick rows (`position[k]` = index of metric k in the row, −1 when absent). */
  add(point: number, ticks: Array<Array<number | null>>, keys: string[]): void {
    const slot = this.shown.get(point);
    if (slot === undefined) return;
    this.metrics.forEach((metric, k) => {
      const i = keys.indexOf(metric);
      if (i < 0) return;
      ticks.forEach((row, tick) => {
        const value = row[i];
        if (value !== null && tick < this.plan.ticks) this.moments[slot][k][tick].push(value);
      });
    });
  }

  /** The charts' data. */
  result(confidence: number): TimeSeriesData {
    const stride = Math.max(1, Math.ceil(this.plan.ticks / MAX_TICKS_DRAWN));
    const ticks = Array.from({ length: Math.ceil(this.plan.ticks / stride) }, (_, i) => i * stride);
    const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : null);
    const charts = this.metrics.map((metric, k) => {
      const info = metricInfo(metric);
      return {
        metric,
        label: info.label,
        meaning: info.meaning,
        min: info.min,
        max: info.max,
        ticks,
        series: this.points.map((point, slot) => {
          const intervals = ticks.map((tick) => {
            const m = this.moments[slot][k][tick];
            return withinRange(intervalFromMoments(m.n, m.mean, m.sd, confidence), columnInfo(metric));
          });
          return { point, mean: intervals.map((c) => round(c.mean)), low: intervals.map((c) => round(c.ciLow)), high: intervals.map((c) => round(c.ciHigh)) };
        }),
      };
    });
    return { points: this.points, totalPoints: this.plan.points.length, stride, charts };
  }
}
