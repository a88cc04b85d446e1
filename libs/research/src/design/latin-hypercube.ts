// The Latin-hypercube design: n samples over d ranges, each range cut into n strata hit exactly once.
import { KeyedRandom } from '@silolab/engine';

/**
 * A Latin-hypercube sample (McKay, Beckman & Conover 1979): `samples` points in [0, 1)^`dimensions` such that, in
 * every dimension, each of the `samples` equal strata [k/n, (k+1)/n) holds exactly one point. Each dimension's
 * strata are assigned by an independent random permutation and each point is placed uniformly within its stratum.
 * Draws are keyed by (seed, dimension, sample), as everywhere in SiloLab: the same seed gives the same design.
 */
export function latinHypercube(samples: number, dimensions: number, seed: number): number[][] {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`Latin hypercube: samples must be a positive integer, got ${samples}`);
  const random = new KeyedRandom(seed);
  const permutationKey = random.key('sweep.lhs.permutation');
  const jitterKey = random.key('sweep.lhs.jitter');
  const points = Array.from({ length: samples }, () => new Array<number>(dimensions).fill(0));
  for (let d = 0; d < dimensions; d++) {
    // Fisher–Yates with keyed draws.
    const strata = Array.from({ length: samples }, (_, k) => k);
    for (let i = samples - 1; i > 0; i--) {
      const j = Math.floor(random.uniform(permutationKey, d, i) * (i + 1));
      [strata[i], strata[j]] = [strata[j], strata[i]];
    }
    for (let s = 0; s < samples; s++) points[s][d] = (strata[s] + random.uniform(jitterKey, d, s)) / samples;
  }
  return points;
}
