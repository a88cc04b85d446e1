// The mean of replicated outcomes with its standard deviation and a t-based confidence interval.
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { studentTQuantile } from './student-t';

/** Mean, spread and confidence interval of a sample. Fields that need two or more values are NaN with one. */
export interface MeanInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  sd: number;
  /** Standard error of the mean, sd / √n. */
  se: number;
  /** Confidence level of [ciLow, ciHigh], e.g. 0.95. */
  level: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * The mean of `values` with its `level` confidence interval from Student's t:
 * mean ± t_{(1+level)/2, n−1} · sd/√n. Replications of a stochastic simulation are independent draws, so this is
 * the textbook interval for the expected outcome at a parameter point. Non-finite values are an error: they mean a
 * metric was undefined in some run, and silently dropping them would bias the mean.
 */
export function meanInterval(values: ArrayLike<number>, level = 0.95): MeanInterval {
  const sample = Array.from(values);
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  if (sample.some((value) => !Number.isFinite(value))) throw new RangeError('meanInterval: every value must be a finite number');
  const n = sample.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, se: NaN, level, ciLow: NaN, ciHigh: NaN };
  const m = mean(sample);
  if (n === 1) return { n, mean: m, sd: NaN, se: NaN, level, ciLow: NaN, ciHigh: NaN };
  return intervalFromMoments(n, m, sampleStandardDeviation(sample), level);
}

/** The same interval from summary moments (n, mean, sample sd), e.g. from a {@link RunningMoments}. */
export function intervalFromMoments(n: number, m: number, sd: number, level = 0.95): MeanInterval {
  if (n < 2) return { n, mean: n === 1 ? m : NaN, sd: NaN, se: NaN, level, ciLow: NaN, ciHigh: NaN };
  const se = sd / Math.sqrt(n);
  const half = studentTQuantile((1 + level) / 2, n - 1) * se;
  return { n, mean: m, sd, se, level, ciLow: m - half, ciHigh: m + half };
}
