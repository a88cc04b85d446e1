// Sobol first-order and total indices from the outputs of a Saltelli sample, with bootstrap intervals.
import { bootstrap, type BootstrapEstimate } from '../statistics/bootstrap';

/** Sobol indices of one output for each factor. */
export interface SobolResult {
  /** First-order index S_i: the share of the output variance due to factor i alone. */
  first: BootstrapEstimate[];
  /** Total index S_Ti: the share due to factor i with all its interactions. */
  total: BootstrapEstimate[];
  /** Base rows (blocks of d + 2 runs) with every output defined: the N the estimates rest on. */
  rows: number;
  /** Output variance, from the A and B runs. */
  variance: number;
}

/**
 * The estimators of Saltelli et al. (2010, Table 2), as SALib computes them. With y_A, y_B, y_ABi the outputs of
 * the rows of a {@link saltelliSample} (blocks A, A_B^(1…d), B) and V the variance of all y_A and y_B:
 *
 *   S_i  = mean_j[ y_B,j · (y_ABi,j − y_A,j) ] / V          (Saltelli 2010, eq. (b))
 *   S_Ti = mean_j[ (y_A,j − y_ABi,j)² ] / (2V)              (Jansen 1999)
 *
 * Indices are computed on the base rows whose d + 2 outputs are all finite (a partial sweep keeps its complete
 * blocks). Intervals: percentile bootstrap over base rows at `level`, `resamples` times.
 */
export function sobolIndices(outputs: ArrayLike<number | null>, dimensions: number, options: { resamples: number; level: number; seed: number }): SobolResult {
  const block = dimensions + 2;
  const rows: number[] = [];
  for (let j = 0; j * block + block <= outputs.length; j++) {
    let complete = true;
    for (let k = 0; k < block; k++) {
      const value = outputs[j * block + k];
      if (value === null || !Number.isFinite(value)) complete = false;
    }
    if (complete) rows.push(j);
  }
  const y = (j: number, k: number) => outputs[rows[j] * block + k] as number;
  const statistic = (indices: Int32Array): number[] => {
    let sum = 0;
    let sumSquares = 0;
    for (const j of indices) {
      const a = y(j, 0);
      const b = y(j, block - 1);
      sum += a + b;
      sumSquares += a * a + b * b;
    }
    const count = 2 * indices.length;
    const variance = sumSquares / count - (sum / count) ** 2;
    const first: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < dimensions; i++) {
      let firstSum = 0;
      let totalSum = 0;
      for (const j of indices) {
        const a = y(j, 0);
        const ab = y(j, 1 + i);
        firstSum += y(j, block - 1) * (ab - a);
        totalSum += (a - ab) ** 2;
      }
      first.push(firstSum / indices.length / variance);
      total.push(totalSum / indices.length / 2 / variance);
    }
    return [...first, ...total, variance];
  };
  if (rows.length < 2) {
    const empty = { estimate: NaN, ciLow: NaN, ciHigh: NaN };
    return { first: Array.from({ length: dimensions }, () => empty), total: Array.from({ length: dimensions }, () => empty), rows: rows.length, variance: NaN };
  }
  const estimates = bootstrap(rows.length, statistic, options);
  return { first: estimates.slice(0, dimensions), total: estimates.slice(dimensions, 2 * dimensions), rows: rows.length, variance: estimates[2 * dimensions].estimate };
}
