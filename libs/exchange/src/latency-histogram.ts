// A fixed histogram of durations: constant memory and O(1) recording, percentiles to within one bucket (±6 %).

/** Upper bounds of the buckets in ms: 0.01 ms × 1.125^k, up to about 17 minutes; one more bucket above. */
const BOUNDS: readonly number[] = Array.from({ length: 160 }, (_, k) => 0.01 * 1.125 ** k);

/**
 * Counts durations into fixed, geometrically growing buckets, so a tick of any size costs the same to record and to
 * report. Percentiles are the upper bound of the bucket holding the rank (never below the true value, at most 12.5 %
 * above it); `max` is exact. Negative durations (clocks of two machines that disagree) count as 0.
 */
export class LatencyHistogram {
  readonly counts = new Array<number>(BOUNDS.length + 1).fill(0);
  count = 0;
  max = 0;

  /** Adds one duration in ms. */
  record(ms: number): void {
    const value = ms > 0 ? ms : 0;
    let lo = 0;
    let hi = BOUNDS.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (BOUNDS[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    this.counts[lo]++;
    this.count++;
    if (value > this.max) this.max = value;
  }

  /** Adds every duration of `other` (histograms of several ticks make the run's). */
  merge(other: { counts: readonly number[]; count: number; max: number }): void {
    for (let k = 0; k < this.counts.length; k++) this.counts[k] += other.counts[k] ?? 0;
    this.count += other.count;
    this.max = Math.max(this.max, other.max);
  }

  /** The `p`-th percentile (0–100) in ms, as the upper bound of its bucket capped at the exact max; 0 when empty. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let k = 0; k < this.counts.length; k++) {
      seen += this.counts[k];
      if (seen >= rank) return Math.min(k < BOUNDS.length ? BOUNDS[k] : this.max, this.max);
    }
    return this.max;
  }

  /** p50, p99 and max, rounded to µs. */
  summary(): DurationSummary {
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    return { p50: round(this.percentile(50)), p99: round(this.percentile(99)), max: round(this.max) };
  }
}

/** Percentiles of a set of durations, in ms. */
export interface DurationSummary {
  p50: number;
  p99: number;
  max: number;
}
