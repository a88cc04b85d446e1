// Detecting the warm-up of a run: the first ticks, still moving away from the initial state, are left out of averages.

/**
 * MSER-5 (White 1997; Franklin & White 2008): the series is cut into batches of 5 ticks (the last, incomplete
 * batch is ignored here); for each truncation d (in batches, over the first half) MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² /
 * (k − d)², the squared standard error of the mean of what is kept. The truncation that minimises it balances
 * dropping the biased start against keeping enough data. Returns the ticks to drop (a multiple of 5; 0 when the
 * series is too short to judge — under two batches).
 */
export function mser5(series: ArrayLike<number>): number {
  const batchSize = 5;
  const k = Math.floor(series.length / batchSize);
  if (k < 2) return 0;
  const z = Float64Array.from({ length: k }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < batchSize; i++) sum += series[j * batchSize + i];
    return sum / batchSize;
  });
  let best = 0;
  let bestValue = Infinity;
  for (let d = 0; d <= Math.floor(k / 2); d++) {
    let mean = 0;
    for (let j = d; j < k; j++) mean += z[j];
    mean /= k - d;
    let squares = 0;
    for (let j = d; j < k; j++) squares += (z[j] - mean) ** 2;
    const value = squares / (k - d) ** 2;
    // Strictly smaller: among equal values (e.g. a constant series) the shortest truncation wins.
    if (d === 0 || value < bestValue * (1 - 1e-12)) [best, bestValue] = [d, value];
  }
  return best * batchSize;
}
