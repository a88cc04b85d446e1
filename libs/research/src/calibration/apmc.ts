// Adaptive population Monte Carlo ABC (APMC): a posterior sample of parameters whose simulations come close to a
// target, generation by generation, each generation one batch of runs.
import { KeyedRandom } from '@silolab/engine';
import { erf, weightedQuantile } from 'simple-statistics';
import { latinHypercube } from '../design/latin-hypercube';

/** A particle: a point in the unit cube of the prior (one coordinate per parameter), its weight and distance. */
export interface Particle {
  unit: number[];
  weight: number;
  distance: number;
  /** The generation that simulated it. */
  generation: number;
}

/** The state after a generation: the kept particles, the tolerance they satisfy, and whether to stop. */
export interface ApmcState {
  generation: number;
  kept: Particle[];
  /** ε: the largest distance among the kept particles (the α-quantile of the generation's distances). */
  tolerance: number;
  /** Share of this generation's new particles closer than the previous tolerance (1 in generation 0). */
  acceptance: number;
  done: boolean;
}

/** APMC settings: N particles, keep α·N, stop below this acceptance or after this many generations. */
export interface ApmcSettings {
  particles: number;
  keep: number;
  minAcceptance: number;
  generations: number;
}

const gaussianCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

/**
 * Generation 0: N points from the prior — uniform on the unit cube, each parameter's range mapped onto it (its
 * `scale: log` makes that log-uniform) — as a Latin hypercube, so that the first generation covers every range.
 */
export function priorProposals(dimensions: number, particles: number, seed: number): number[][] {
  return latinHypercube(particles, dimensions, seed);
}

/** The kernel's per-dimension standard deviations: √(2 × the weighted variance of the kept particles) (Beaumont et al. 2009). */
export function kernelScales(kept: Particle[]): number[] {
  const total = kept.reduce((s, p) => s + p.weight, 0);
  return kept[0].unit.map((_, d) => {
    const mean = kept.reduce((s, p) => s + p.weight * p.unit[d], 0) / total;
    const variance = kept.reduce((s, p) => s + p.weight * (p.unit[d] - mean) ** 2, 0) / total;
    return Math.max(Math.sqrt(2 * variance), 1e-6);
  });
}

/**
 * The next generation's N − α·N proposals: a kept particle drawn by weight, moved by a Gaussian kernel truncated to
 * the unit cube (a draw outside is drawn again). Draws are keyed (seed, generation, proposal, attempt).
 */
export function nextProposals(state: ApmcState, settings: ApmcSettings, seed: number): number[][] {
  const random = new KeyedRandom(seed);
  const pickKey = random.key('apmc.pick');
  const moveKey = random.key('apmc.move');
  const scales = kernelScales(state.kept);
  const total = state.kept.reduce((s, p) => s + p.weight, 0);
  const count = settings.particles - state.kept.length;
  const proposals: number[][] = [];
  for (let i = 0; i < count; i++) {
    let u = random.uniform(pickKey, state.generation, i) * total;
    let parent = state.kept[state.kept.length - 1];
    for (const particle of state.kept) {
      u -= particle.weight;
      if (u < 0) {
        parent = particle;
        break;
      }
    }
    proposals.push(
      parent.unit.map((centre, d) => {
        for (let attempt = 0; attempt < 1000; attempt++) {
          // Box–Muller from two keyed uniforms.
          const u1 = Math.max(random.uniform(moveKey, state.generation, i, d * 2000 + 2 * attempt), Number.MIN_VALUE);
          const u2 = random.uniform(moveKey, state.generation, i, d * 2000 + 2 * attempt + 1);
          const x = centre + scales[d] * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
          if (x >= 0 && x <= 1) return x;
        }
        return centre;
      }),
    );
  }
  return proposals;
}

/**
 * The importance weight of a new particle θ: prior(θ) / Σ_j w̃_j K̃(θ | θ_j), with w̃ the kept particles' normalised
 * weights and K̃ the truncated Gaussian kernel (its normalising constant is the kernel's mass inside the cube). The
 * prior is uniform on the cube, so its density is 1.
 */
export function proposalWeight(unit: number[], kept: Particle[], scales: number[]): number {
  const total = kept.reduce((s, p) => s + p.weight, 0);
  let mixture = 0;
  for (const particle of kept) {
    let density = particle.weight / total;
    for (let d = 0; d < unit.length; d++) {
      const z = (unit[d] - particle.unit[d]) / scales[d];
      const mass = gaussianCdf((1 - particle.unit[d]) / scales[d]) - gaussianCdf(-particle.unit[d] / scales[d]);
      density *= Math.exp(-0.5 * z * z) / (scales[d] * Math.sqrt(2 * Math.PI) * mass);
    }
    mixture += density;
  }
  return mixture > 0 ? 1 / mixture : 0;
}

/**
 * Folds a simulated generation into the state (Lenormand, Jabot & Deffuant 2013, algorithm APMC): generation 0 keeps
 * its α·N closest particles (weight 1); later generations weigh their new particles ({@link proposalWeight}), pool
 * them with the kept ones, and keep the α·N closest. The tolerance is the largest kept distance; the acceptance is
 * the share of new particles closer than the previous tolerance. Stop when it falls to `minAcceptance` or the
 * generations run out: the kept particles with their weights are then the posterior sample.
 */
export function foldGeneration(previous: ApmcState | null, proposals: number[][], distances: number[], settings: ApmcSettings): ApmcState {
  const generation = previous ? previous.generation + 1 : 0;
  const scales = previous ? kernelScales(previous.kept) : null;
  const fresh: Particle[] = proposals.map((unit, i) => ({ unit, distance: distances[i], generation, weight: previous ? proposalWeight(unit, previous.kept, scales!) : 1 }));
  const pool = [...(previous?.kept ?? []), ...fresh].filter((p) => Number.isFinite(p.distance));
  const keepCount = Math.floor(settings.particles * settings.keep);
  const kept = pool.sort((a, b) => a.distance - b.distance || a.generation - b.generation).slice(0, keepCount);
  const tolerance = kept.length > 0 ? kept[kept.length - 1].distance : Infinity;
  const acceptance = previous ? fresh.filter((p) => p.distance < previous.tolerance).length / Math.max(1, fresh.length) : 1;
  const done = generation + 1 >= settings.generations || (previous !== null && acceptance <= settings.minAcceptance);
  return { generation, kept, tolerance, acceptance, done };
}

/** Weighted posterior summaries of one coordinate: mean, sd and the central `level` interval (weighted quantiles). */
export function posteriorSummary(values: number[], weights: number[], level: number): { mean: number; sd: number; low: number; median: number; high: number } {
  const total = weights.reduce((s, w) => s + w, 0);
  const mean = values.reduce((s, v, i) => s + weights[i] * v, 0) / total;
  const sd = Math.sqrt(values.reduce((s, v, i) => s + weights[i] * (v - mean) ** 2, 0) / total);
  const [low, median, high] = weightedQuantile(values, weights, [(1 - level) / 2, 0.5, (1 + level) / 2]) as number[];
  return { mean, sd, low, median, high };
}
