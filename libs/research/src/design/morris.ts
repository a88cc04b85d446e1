// The Morris design: r one-at-a-time trajectories through a grid of the unit hypercube (Morris 1991).
import { KeyedRandom } from '@silolab/engine';

/** A Morris design: the points of every trajectory, and which factor each step moved and in which direction. */
export interface MorrisDesign {
  /** Points in [0, 1]^d: trajectory t occupies rows t·(d+1) … t·(d+1)+d. */
  points: number[][];
  /** The step Δ in unit coordinates, p / (2(p − 1)) for p levels. */
  delta: number;
  /** steps[t][k] = the factor moved between point k and k + 1 of trajectory t. */
  factors: number[][];
  /** signs[t][k] = +1 when that factor went up by Δ, −1 when it went down. */
  signs: number[][];
}

/**
 * Morris's (1991) randomised one-at-a-time design. Each of `trajectories` trajectories starts at a random point x*
 * of the p-level grid {0, 1/(p−1), …, 1} (p even, each coordinate chosen so that x* ± Δ stays on the grid), then
 * moves each of the d factors once, in a random order, by ±Δ with Δ = p / (2(p − 1)) — the B* = (J·x* + (Δ/2)·
 * ((2B − J)·D* + J))·P* construction of Morris's paper and of Campolongo, Cariboni & Saltelli (2007), written as a
 * walk. Each trajectory costs d + 1 runs and yields one elementary effect per factor. Draws are keyed by (seed,
 * trajectory, factor), so the same seed gives the same design.
 *
 * No JavaScript library implements Morris or Sobol designs (npm has none maintained; SALib is Python), so they are
 * written here from the papers and checked against functions with known indices (morris.spec.ts, sobol.spec.ts).
 */
export function morrisDesign(dimensions: number, trajectories: number, levels: number, seed: number): MorrisDesign {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`Morris design: needs at least one factor, got ${dimensions}`);
  if (!Number.isInteger(trajectories) || trajectories < 2) throw new RangeError(`Morris design: needs at least 2 trajectories, got ${trajectories}`);
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) throw new RangeError(`Morris design: levels must be an even integer ≥ 2, got ${levels}`);
  const random = new KeyedRandom(seed);
  const startKey = random.key('morris.start');
  const orderKey = random.key('morris.order');
  const signKey = random.key('morris.sign');
  const delta = levels / (2 * (levels - 1));
  // Starting coordinates that leave room for +Δ: the lower half of the grid, {0, …, (p/2 − 1)/(p − 1)}.
  const lowerLevels = levels / 2;
  const points: number[][] = [];
  const factors: number[][] = [];
  const signs: number[][] = [];
  for (let t = 0; t < trajectories; t++) {
    const order = Array.from({ length: dimensions }, (_, i) => i);
    for (let i = dimensions - 1; i > 0; i--) {
      const j = random.below(orderKey, t, i, 0, i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    // Each factor goes up (from a lower-half start) or down (from that start + Δ), with equal chance.
    const up = Array.from({ length: dimensions }, (_, i) => random.uniform(signKey, t, i) < 0.5);
    const current = Array.from({ length: dimensions }, (_, i) => {
      const low = random.below(startKey, t, i, 0, lowerLevels) / (levels - 1);
      return up[i] ? low : low + delta;
    });
    points.push([...current]);
    const stepFactors: number[] = [];
    const stepSigns: number[] = [];
    for (const factor of order) {
      const sign = up[factor] ? 1 : -1;
      current[factor] = clampUnit(current[factor] + sign * delta);
      points.push([...current]);
      stepFactors.push(factor);
      stepSigns.push(sign);
    }
    factors.push(stepFactors);
    signs.push(stepSigns);
  }
  return { points, delta, factors, signs };
}

/** Rounds away floating-point dust so grid coordinates stay within [0, 1]. */
function clampUnit(x: number): number {
  return Math.min(1, Math.max(0, Math.round(x * 1e12) / 1e12));
}
