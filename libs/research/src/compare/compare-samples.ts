// Comparing two policies on one metric: difference of means with Welch's interval, and standardised effect sizes.
import { effectSize, type EffectSize } from '../statistics/effect-size';
import { welchDifference, type WelchDifference } from '../statistics/welch';

/** One row of a comparison: B against A on one metric. */
export interface Comparison extends WelchDifference, EffectSize {
  metric: string;
  /** Standard deviations of each side (sample sd; NaN with one value). */
  sdA: number;
  sdB: number;
}

const sd = (values: number[]) => {
  if (values.length < 2) return NaN;
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
};

/**
 * Compares sample `b` with sample `a` (independent runs, or batch means of single runs): the difference of means
 * B − A with Welch's `level` interval and p-value, Cohen's d and Hedges' g. Non-finite values are left out.
 */
export function compareSamples(metric: string, a: ArrayLike<number | null>, b: ArrayLike<number | null>, level = 0.95): Comparison {
  const clean = (values: ArrayLike<number | null>) => Array.from(values).filter((v): v is number => v !== null && Number.isFinite(v));
  const xs = clean(a);
  const ys = clean(b);
  return { metric, ...welchDifference(xs, ys, level), ...effectSize(xs, ys), sdA: sd(xs), sdB: sd(ys) };
}

/** Conventional reading of |g| (Cohen 1988): negligible < 0.2 ≤ small < 0.5 ≤ medium < 0.8 ≤ large. */
export function effectLabel(g: number): string {
  if (!Number.isFinite(g)) return 'n/a';
  const size = Math.abs(g);
  return size < 0.2 ? 'negligible' : size < 0.5 ? 'small' : size < 0.8 ? 'medium' : 'large';
}
