// Streaming mean and variance (Welford), so summaries over many runs never hold the runs in memory.

/**
 * Welford's online algorithm: numerically stable mean and variance, one value at a time, O(1) memory.
 * Used where a summary pools an unbounded number of runs (the report's "averaged over other parameters" lines).
 */
export class RunningMoments {
  private count = 0;
  private runningMean = 0;
  private squaredDeviations = 0;
  /** Values that were not finite and so were left out. */
  skipped = 0;

  /** Adds one value (non-finite values are ignored and counted in `skipped`). */
  push(value: number): void {
    if (!Number.isFinite(value)) {
      this.skipped++;
      return;
    }
    this.count++;
    const delta = value - this.runningMean;
    this.runningMean += delta / this.count;
    this.squaredDeviations += delta * (value - this.runningMean);
  }

  get n(): number {
    return this.count;
  }

  get mean(): number {
    return this.count === 0 ? NaN : this.runningMean;
  }

  /** Sample standard deviation (n − 1); NaN below two values. */
  get sd(): number {
    return this.count < 2 ? NaN : Math.sqrt(this.squaredDeviations / (this.count - 1));
  }
}
