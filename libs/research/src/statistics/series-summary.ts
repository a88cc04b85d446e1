// The mean of one metric over the ticks of one run, with a standard error that accounts for autocorrelation.
import { integratedAutocorrelationTime } from './autocorrelation';
import { mser5 } from './warm-up';

/** Fewer effective samples than this and the run is too short for its metric's autocorrelation. */
export const MIN_EFFECTIVE_SAMPLES = 10;

/** One metric of one run, over the ticks kept. */
export interface SeriesSummary {
  /** First and last tick used (inclusive), after the warm-up. */
  firstTick: number;
  lastTick: number;
  /** Ticks dropped at the start by MSER-5 (0 when warm-up detection is off). */
  warmUp: number;
  n: number;
  mean: number;
  /** Standard deviation of the ticks' values. */
  sd: number;
  /** Integrated autocorrelation time, in ticks. */
  tau: number;
  /** Effective sample size n / τ. */
  effectiveN: number;
  /** Standard error of the mean, sd · √(τ / n). */
  se: number;
  /** Degrees of freedom for t intervals: effective n − 1, at least 1. */
  df: number;
  /** True when effectiveN < {@link MIN_EFFECTIVE_SAMPLES}: the interval rests on a poor estimate of τ. */
  autocorrelated: boolean;
}

/**
 * Summarises `series` (a metric's value per tick, starting at tick `firstTick`): drops the warm-up found by MSER-5
 * (unless `warmUp` is 'none'), then estimates the mean and its standard error with the effective-sample-size
 * correction se = sd·√(τ/n), τ the integrated autocorrelation time. Treating ticks as independent (or taking a few
 * short batch means) ignores τ: on a sliding-window metric τ is about the window's length and such intervals are
 * several times too narrow.
 */
export function summariseSeries(series: ArrayLike<number>, firstTick: number, warmUp: 'mser5' | 'none' = 'mser5'): SeriesSummary {
  const dropped = warmUp === 'mser5' ? mser5(series) : 0;
  const kept = Array.from(series).slice(dropped);
  const n = kept.length;
  const mean = n > 0 ? kept.reduce((s, v) => s + v, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(kept.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : NaN;
  const tau = n > 1 ? integratedAutocorrelationTime(kept) : NaN;
  const effectiveN = n / tau;
  return {
    firstTick: firstTick + dropped,
    lastTick: firstTick + series.length - 1,
    warmUp: dropped,
    n,
    mean,
    sd,
    tau,
    effectiveN,
    se: sd * Math.sqrt(tau / n),
    df: Math.max(1, effectiveN - 1),
    autocorrelated: !(effectiveN >= MIN_EFFECTIVE_SAMPLES),
  };
}
