// The method of batch means: near-independent samples from one long run, for intervals when there is no replication.

/**
 * Splits `series` (e.g. a metric per tick after a warm-up) into `batches` contiguous batches of equal length and
 * returns each batch's mean (Law & Kelton, *Simulation Modeling and Analysis*, §9.5.3). Successive ticks are
 * autocorrelated, so treating ticks as independent would give intervals far too narrow; means of long batches are
 * nearly independent. Leftover values at the start (series length not divisible) are dropped, keeping the latest.
 */
export function batchMeans(series: ArrayLike<number>, batches = 5): number[] {
  if (!Number.isInteger(batches) || batches < 1) throw new RangeError(`batch means: batches must be a positive integer, got ${batches}`);
  const size = Math.floor(series.length / batches);
  if (size === 0) return [];
  const start = series.length - size * batches;
  const means: number[] = [];
  for (let k = 0; k < batches; k++) {
    let sum = 0;
    for (let i = 0; i < size; i++) sum += series[start + k * size + i];
    means.push(sum / size);
  }
  return means;
}
