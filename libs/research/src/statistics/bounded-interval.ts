// Confidence intervals that stay inside a metric's range: a rate's interval never reaches below 0 or above 1.
import { studentTQuantile } from './student-t';
import type { MeanInterval } from './mean-interval';

/** The interval's construction: Student's t as is, t on the logit scale mapped back, or t cut at a one-sided bound. */
export type IntervalMethod = 't' | 'logit' | 't-truncated';

/** A mean interval that respects the range, and how it was made. */
export type RangedInterval = MeanInterval & { method: IntervalMethod };

/** The range of a metric: null for an unbounded side. */
export interface ValueRange {
  min: number | null;
  max: number | null;
}

/**
 * `interval` (a Student-t interval of a mean) kept inside `range`. When the t interval fits, it is returned as is.
 * When it leaves a range bounded on both sides (a rate, the silo index, modularity) — few replications near a bound,
 * say — the interval is built on the logit scale of p = (m − min)/(max − min) and mapped back (delta method:
 * se(logit p) = se / ((max − min)·p(1 − p))): asymmetric, inside the range, close to the t interval away from the
 * bounds. A count has a lower bound only; its t interval is cut at the bound. (The log scale, the usual transform
 * for positive means, explodes when the relative standard error is large — three replications of a rare event:
 * mean 10, se 10 gives [0.14, 737] where the cut t interval gives [0, 53] — so it is not used.) Cutting keeps at
 * least the t interval's coverage: the true mean lies in the range. A mean on a bound means every value is there
 * (no spread), and the interval is that point.
 */
export function withinRange(interval: MeanInterval, range: ValueRange): RangedInterval {
  const { mean, se, n, level } = interval;
  const low = range.min ?? -Infinity;
  const high = range.max ?? Infinity;
  if (!(n >= 2) || !Number.isFinite(interval.ciLow) || (interval.ciLow >= low && interval.ciHigh <= high)) return { ...interval, method: 't' };
  const t = studentTQuantile((1 + level) / 2, n - 1);
  const bothBounds = Number.isFinite(low) && Number.isFinite(high);
  if (mean <= low || mean >= high) {
    const at = Math.min(Math.max(mean, low), high);
    return { ...interval, ciLow: at, ciHigh: at, method: bothBounds ? 'logit' : 't-truncated' };
  }
  if (bothBounds) {
    const width = high - low;
    const p = (mean - low) / width;
    const eta = Math.log(p / (1 - p));
    const seEta = se / (width * p * (1 - p));
    const expit = (x: number) => low + width / (1 + Math.exp(-x));
    return { ...interval, ciLow: expit(eta - t * seEta), ciHigh: expit(eta + t * seEta), method: 'logit' };
  }
  return { ...interval, ciLow: Math.max(low, interval.ciLow), ciHigh: Math.min(high, interval.ciHigh), method: 't-truncated' };
}

/** The range of a difference B − A of two means that each lie in `range`: [min − max, max − min]. */
export function differenceRange(range: ValueRange): ValueRange {
  if (range.min === null || range.max === null) return { min: null, max: null };
  return { min: range.min - range.max, max: range.max - range.min };
}
