// The percentile bootstrap over independent units (rows of a Saltelli sample, Morris trajectories, …).
import { KeyedRandom } from '@silolab/engine';
import { quantileSorted } from 'simple-statistics';

/** A statistic's estimate with its percentile bootstrap interval. */
export interface BootstrapEstimate {
  estimate: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * Percentile bootstrap (Efron & Tibshirani 1993, §13.3) of a vector of statistics over `units` independent units:
 * `statistic(indices)` computes every statistic from the units at `indices` (with repeats). The estimate is the
 * statistic on all units; the `level` interval is the (1 ∓ level)/2 quantiles of `resamples` resampled values.
 * Resamples are drawn with keyed random numbers (seed, resample, position), so results repeat exactly.
 * Statistics that come out non-finite in a resample are left out of that statistic's quantiles.
 */
export function bootstrap(units: number, statistic: (indices: Int32Array) => number[], options: { resamples: number; level: number; seed: number }): BootstrapEstimate[] {
  if (!Number.isInteger(units) || units < 1) throw new RangeError(`bootstrap: needs at least one unit, got ${units}`);
  const all = Int32Array.from({ length: units }, (_, i) => i);
  const estimates = statistic(all);
  const draws = estimates.map(() => [] as number[]);
  const random = new KeyedRandom(options.seed);
  const key = random.key('bootstrap');
  const indices = new Int32Array(units);
  for (let b = 0; b < options.resamples; b++) {
    for (let k = 0; k < units; k++) indices[k] = random.below(key, b, k, 0, units);
    statistic(indices).forEach((value, s) => {
      if (Number.isFinite(value)) draws[s].push(value);
    });
  }
  const tail = (1 - options.level) / 2;
  return estimates.map((estimate, s) => {
    const sorted = draws[s].sort((x, y) => x - y);
    if (sorted.length === 0) return { estimate, ciLow: NaN, ciHigh: NaN };
    return { estimate, ciLow: quantileSorted(sorted, tail), ciHigh: quantileSorted(sorted, 1 - tail) };
  });
}
