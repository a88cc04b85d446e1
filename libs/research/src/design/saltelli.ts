// The Saltelli sample: the A, B and A_B^(i) matrices whose model outputs give Sobol's first-order and total indices.
import { KeyedRandom } from '@silolab/engine';

/**
 * Saltelli's (2002, 2010) sampling scheme for Sobol indices without second-order terms: two independent N × d
 * matrices A and B of uniform draws on [0, 1)^d and, for each factor i, A_B^(i) — A with column i taken from B.
 * Rows come in blocks of d + 2, in SALib's order: A_j, A_B^(1)_j … A_B^(d)_j, B_j. N·(d + 2) model runs in all.
 *
 * A and B are plain Monte Carlo draws (keyed by seed, matrix, row, column), not a quasi-random Sobol' sequence:
 * the rows are then independent, which is what the bootstrap confidence intervals of the indices assume (with a
 * low-discrepancy base the bootstrap has no such justification), at the price of slower convergence.
 */
export function saltelliSample(dimensions: number, samples: number, seed: number): number[][] {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`Saltelli sample: needs at least one factor, got ${dimensions}`);
  if (!Number.isInteger(samples) || samples < 2) throw new RangeError(`Saltelli sample: needs at least 2 base samples, got ${samples}`);
  const random = new KeyedRandom(seed);
  const keyA = random.key('saltelli.a');
  const keyB = random.key('saltelli.b');
  const rows: number[][] = [];
  for (let j = 0; j < samples; j++) {
    const a = Array.from({ length: dimensions }, (_, i) => random.uniform(keyA, j, i));
    const b = Array.from({ length: dimensions }, (_, i) => random.uniform(keyB, j, i));
    rows.push(a);
    for (let i = 0; i < dimensions; i++) rows.push(a.map((value, k) => (k === i ? b[i] : value)));
    rows.push(b);
  }
  return rows;
}
