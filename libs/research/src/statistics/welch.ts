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
  /** Two-sided p-value of "no difference". NaN when it is undefined (no spread on either side). */
  p: number;
}

/**
 * Welch's interval for μB − μA: d ± t_{(1+level)/2, ν} · se, with se² = s²A/nA + s²B/nB and
 * ν = se⁴ / ((s²A/nA)²/(nA−1) + (s²B/nB)²/(nB−1)) (Welch–Satterthwaite). It does not assume equal variances,
 * which policies that change behaviour rarely leave alone. Needs at least two values on each side. With zero
 * variance on both sides there is no test: t, p and df are undefined (NaN), not t = 0, p = 1, and the interval
 * collapses to the difference itself.
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
  const seA = Math.sqrt(sampleVariance(xs) / nA);
  const seB = Math.sqrt(sampleVariance(ys) / nB);
  return welchFromMoments({ n: nA, mean: meanA, se: seA, df: nA - 1 }, { n: nB, mean: meanB, se: seB, df: nB - 1 }, level);
}

/** A side of a Welch comparison as summary moments: mean, standard error of the mean, its degrees of freedom. */
export interface MeanEstimate {
  n: number;
  mean: number;
  se: number;
  df: number;
}

/**
 * Welch's interval and test from each side's mean, standard error and degrees of freedom — for means whose
 * standard error is not s/√n, such as the time average of an autocorrelated series (se = s·√(τ/n), df = n/τ − 1).
 * ν = se⁴ / (se⁴_A/df_A + se⁴_B/df_B).
 */
export function welchFromMoments(a: MeanEstimate, b: MeanEstimate, level = 0.95): WelchDifference {
  const difference = b.mean - a.mean;
  const base = { nA: a.n, nB: b.n, meanA: a.mean, meanB: b.mean, difference, level };
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  if (!Number.isFinite(se)) return { ...base, se: NaN, df: NaN, ciLow: NaN, ciHigh: NaN, t: NaN, p: NaN };
  if (se === 0) return { ...base, se: 0, df: NaN, ciLow: difference, ciHigh: difference, t: NaN, p: NaN };
  const df = se ** 4 / (a.se ** 4 / a.df + b.se ** 4 / b.df);
  const half = studentTQuantile((1 + level) / 2, df) * se;
  const t = difference / se;
  return { ...base, se, df, ciLow: difference - half, ciHigh: difference + half, t, p: studentTTwoSidedP(t, df) };
}

/**
 * The paired t interval and test for B − A over matched pairs (runs of two points with the same seed, under
 * `seeds: common`): the mean of the differences with se = sd(d)/√n and n − 1 degrees of freedom. Pairs share
 * their random draws, so the differences vary far less than either side.
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): WelchDifference {
  if (a.length !== b.length) throw new RangeError(`paired difference: ${a.length} values of A against ${b.length} of B`);
  const d = Array.from(b, (y, i) => y - a[i]);
  const n = d.length;
  const base = { nA: n, nB: n, meanA: n ? mean(Array.from(a)) : NaN, meanB: n ? mean(Array.from(b)) : NaN, difference: n ? mean(d) : NaN, level };
  if (n < 2) return { ...base, se: NaN, df: NaN, ciLow: NaN, ciHigh: NaN, t: NaN, p: NaN };
  const se = Math.sqrt(sampleVariance(d) / n);
  if (se === 0) return { ...base, se: 0, df: NaN, ciLow: base.difference, ciHigh: base.difference, t: NaN, p: NaN };
  const half = studentTQuantile((1 + level) / 2, n - 1) * se;
  const t = base.difference / se;
  return { ...base, se, df: n - 1, ciLow: base.difference - half, ciHigh: base.difference + half, t, p: studentTTwoSidedP(t, n - 1) };
}
