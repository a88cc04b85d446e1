// Comparing two policies on one metric: difference of means with Welch's (or a paired) interval, and standardised
// effect sizes — from replications, or from the autocorrelated ticks of two single runs.
import { differenceRange, type ValueRange } from '../statistics/bounded-interval';
import { effectSize, type EffectSize } from '../statistics/effect-size';
import type { SeriesSummary } from '../statistics/series-summary';
import { pairedDifference, welchDifference, welchFromMoments, type WelchDifference } from '../statistics/welch';

/** How a row's interval and p-value were computed. */
export type ComparisonTest = 'welch' | 'paired' | 'welch-autocorrelated';

/** One row of a comparison: B against A on one metric. */
export interface Comparison extends WelchDifference, EffectSize {
  metric: string;
  test: ComparisonTest;
  /** Standard deviations of each side (sample sd; NaN with one value). */
  sdA: number;
  sdB: number;
}

const sd = (values: number[]) => {
  if (values.length < 2) return NaN;
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
};

/** A difference interval cut to the range a difference of two means in `range` can take. */
function clampDifference(row: WelchDifference, range: ValueRange): WelchDifference {
  const { min, max } = differenceRange(range);
  if (min === null || max === null || !Number.isFinite(row.ciLow)) return row;
  return { ...row, ciLow: Math.max(min, row.ciLow), ciHigh: Math.min(max, row.ciHigh) };
}

const clean = (values: ArrayLike<number | null>) => Array.from(values).filter((v): v is number => v !== null && Number.isFinite(v));

/**
 * Compares sample `b` with sample `a` (independent runs): the difference of means B − A with Welch's `level`
 * interval and p-value, Cohen's d and Hedges' g. Non-finite values are left out. `pairs`, when given, are the
 * matched (a, b) values of runs with the same seed: the interval and p-value are then the paired t's.
 */
export function compareSamples(metric: string, a: ArrayLike<number | null>, b: ArrayLike<number | null>, level = 0.95, range: ValueRange = { min: null, max: null }, pairs?: { a: number[]; b: number[] }): Comparison {
  const xs = clean(a);
  const ys = clean(b);
  const paired = pairs !== undefined && pairs.a.length >= 2;
  const welch = welchDifference(xs, ys, level);
  // The paired test's interval and p; the means and sizes are still those of every run on each side.
  const test = paired ? { ...pairedDifference(pairs.a, pairs.b, level), nA: welch.nA, nB: welch.nB, meanA: welch.meanA, meanB: welch.meanB, difference: welch.difference } : welch;
  return { metric, test: paired ? 'paired' : 'welch', ...clampDifference(test, range), ...effectSize(xs, ys), sdA: sd(xs), sdB: sd(ys) };
}

/**
 * Compares the time averages of two single runs. Each side's standard error comes from its autocorrelation
 * ({@link SeriesSummary}: se = sd·√(τ/n), df = n/τ − 1); Welch combines them. Cohen's d divides the difference by
 * the pooled tick-to-tick standard deviation; Hedges' correction and the se of g use the effective sample sizes.
 */
export function compareSeries(metric: string, a: SeriesSummary, b: SeriesSummary, level = 0.95, range: ValueRange = { min: null, max: null }): Comparison {
  const test = welchFromMoments({ n: a.n, mean: a.mean, se: a.se, df: a.df }, { n: b.n, mean: b.mean, se: b.se, df: b.df }, level);
  const pooled = Math.sqrt(((a.n - 1) * a.sd ** 2 + (b.n - 1) * b.sd ** 2) / (a.n + b.n - 2));
  let effect: EffectSize = { cohensD: NaN, hedgesG: NaN, seG: NaN };
  if (pooled > 0 && a.n > 1 && b.n > 1) {
    const cohensD = (b.mean - a.mean) / pooled;
    const nA = Math.max(2, a.effectiveN);
    const nB = Math.max(2, b.effectiveN);
    const hedgesG = cohensD * (1 - 3 / Math.max(1, 4 * (nA + nB) - 9));
    effect = { cohensD, hedgesG, seG: Math.sqrt((nA + nB) / (nA * nB) + (hedgesG * hedgesG) / (2 * (nA + nB))) };
  }
  return { metric, test: 'welch-autocorrelated', ...clampDifference(test, range), ...effect, sdA: a.sd, sdB: b.sd };
}

/** Conventional reading of |g| (Cohen 1988): negligible < 0.2 ≤ small < 0.5 ≤ medium < 0.8 ≤ large. */
export function effectLabel(g: number): string {
  if (!Number.isFinite(g)) return 'n/a';
  const size = Math.abs(g);
  return size < 0.2 ? 'negligible' : size < 0.5 ? 'small' : size < 0.8 ? 'medium' : 'large';
}
