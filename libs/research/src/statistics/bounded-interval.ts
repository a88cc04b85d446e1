// Confidence intervals that stay inside a metric's range: a rate's interval never reaches below 0 or above 1.
import { studentTQuantile } from './student-t';
import type { MeanInterval } from './mean-interval';

/** The interval's construction: Student's t as is, or t on the logit / log scale (delta method), mapped back. */
export type IntervalMethod = 't' | 'logit' | 'log';

/** A mean interval that respects the range, and how it was made. */
export type RangedInterval = MeanInterval & { method: IntervalMethod };

/** The range of a metric: null for an unbounded side. */
export interface ValueRange {
  min: number | null;
  max: number | null;
}

/**
 * `interval` (a Student-t interval of a mean) kept inside `range`. When the t interval fits, it is returned as is.
 * When it leaves the range — few replications of a rate near 0, say — the interval is built on a scale on which the
 * range is unbounded and mapped back (the delta method: se on the new scale = se · |g′(mean)|):
 * logit((m − min)/(max − min)) for a range bounded on both sides, log(m − min) or log(max − m) for one bound. The
 * result is asymmetric, inside the range, and close to the t interval away from the bounds. A mean on the bound
 * itself means every value is there (no spread), and the interval is that point.
 */
export function withinRange(interval: MeanInterval, range: ValueRange): RangedInterval {
  const { mean, se, n, level } = interval;
  const low = range.min ?? -Infinity;
  const high = range.max ?? Infinity;
  if (!(n >= 2) || !Number.isFinite(interval.ciLow) || (interval.ciLow >= low && interval.ciHigh <= high)) return { ...interval, method: 't' };
  const t = studentTQuantile((1 + level) / 2, n - 1);
  if (mean <= low || mean >= high) {
    const at = Math.min(Math.max(mean, low), high);
    return { ...interval, ciLow: at, ciHigh: at, method: Number.isFinite(low) && Number.isFinite(high) ? 'logit' : 'log' };
  }
  if (Number.isFinite(low) && Number.isFinite(high)) {
    const width = high - low;
    const p = (mean - low) / width;
    const eta = Math.log(p / (1 - p));
    const seEta = se / (width * p * (1 - p));
    const expit = (x: number) => low + width / (1 + Math.exp(-x));
    return { ...interval, ciLow: expit(eta - t * seEta), ciHigh: expit(eta + t * seEta), method: 'logit' };
  }
  if (Number.isFinite(low)) {
    const distance = mean - low;
    const factor = Math.exp((t * se) / distance);
    return { ...interval, ciLow: low + distance / factor, ciHigh: low + distance * factor, method: 'log' };
  }
  const distance = high - mean;
  const factor = Math.exp((t * se) / distance);
  return { ...interval, ciLow: high - distance * factor, ciHigh: high - distance / factor, method: 'log' };
}

/** The range of a difference B − A of two means that each lie in `range`: [min − max, max − min]. */
export function differenceRange(range: ValueRange): ValueRange {
  if (range.min === null || range.max === null) return { min: null, max: null };
  return { min: range.min - range.max, max: range.max - range.min };
}
