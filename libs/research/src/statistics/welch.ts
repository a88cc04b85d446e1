// Welch's unequal-variance t interval for a difference of means: the comparison of two policies.
import { mean, sampleVariance } from 'simple-statistics';
import { studentTQuantile, studentTTwoSidedP } from './student-t';

/** The difference B − A of two sample means, with Welch's interval and test. */
export interface WelchDifference {
  nA: number;
  nB: number;
  meanA: number;
  meanB: number;
  /** meanB − meanA. */
  difference: number;
  /** Standard error of the difference, √(s²A/nA + s²B/nB). */
  se: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  level: number;
  ciLow: number;
  ciHigh: number;
  /** t statistic, difference / se. */
  t: number;
  /** Two-sided p-value of "no difference". */
  p: number;
}

/**
 * Welch's interval for μB − μA: d ± t_{(1+level)/2, ν} · se, with se² = s²A/nA + s²B/nB and
 * ν = se⁴ / ((s²A/nA)²/(nA−1) + (s²B/nB)²/(nB−1)) (Welch–Satterthwaite). It does not assume equal variances,
 * which policies that change behaviour rarely leave alone. Needs at least two values on each side; with zero
 * variance on both sides the interval collapses to the difference itself.
 */
export function welchDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): WelchDifference {
  const xs = Array.from(a);
  const ys = Array.from(b);
  const nA = xs.length;
  const nB = ys.length;
  const meanA = nA > 0 ? mean(xs) : NaN;
  const meanB = nB > 0 ? mean(ys) : NaN;
  const difference = meanB - meanA;
  const empty = { nA, nB, meanA, meanB, difference, level, se: NaN, df: NaN, ciLow: NaN, ciHigh: NaN, t: NaN, p: NaN };
  if (nA < 2 || nB < 2) return empty;
  const va = sampleVariance(xs) / nA;
  const vb = sampleVariance(ys) / nB;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { ...empty, se: 0, df: nA + nB - 2, ciLow: difference, ciHigh: difference, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, p: difference === 0 ? 1 : 0 };
  const df = (va + vb) ** 2 / (va ** 2 / (nA - 1) + vb ** 2 / (nB - 1));
  const half = studentTQuantile((1 + level) / 2, df) * se;
  const t = difference / se;
  return { nA, nB, meanA, meanB, difference, se, df, level, ciLow: difference - half, ciHigh: difference + half, t, p: studentTTwoSidedP(t, df) };
}
