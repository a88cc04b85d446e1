// Per-run seeds derived from the sweep's root seed: recorded, reproducible, and stable when the design grows.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@silolab/model';

/** How replication seeds relate across parameter points. */
export type SeedMode = 'independent' | 'common';

const DOMAIN = 'silolab.sweep.seed.v1';

/**
 * The seed of one run: the first 32 bits of SHA-256 over the canonical JSON of
 * `["silolab.sweep.seed.v1", rootSeed, point, replication, attempt]`, where `point` is the run's parameter values
 * (path → value) — not its position in the design, so adding a level or reordering a list leaves every existing
 * run's seed unchanged. 32 bits because the engine's keyed generator folds a seed into a 32-bit stream key: wider
 * seeds would add no distinct streams. In `common` mode (common random numbers) the point is left out, so every
 * point's replication r uses the same seed — a paired design that sharpens comparisons between points.
 */
export function deriveSeed(rootSeed: number, point: Record<string, unknown>, replication: number, mode: SeedMode = 'independent', attempt = 0): number {
  const key = [DOMAIN, rootSeed, mode === 'common' ? null : point, replication, attempt];
  return createHash('sha256').update(canonicalJson(key)).digest().readUInt32BE(0);
}

/**
 * The seeds of a point's replications, all distinct: a collision with an earlier replication of the same point
 * (probability ~r²/2³³) is resolved by deriving again with `attempt + 1`, deterministically.
 */
export function replicationSeeds(rootSeed: number, point: Record<string, unknown>, replications: number, mode: SeedMode = 'independent'): number[] {
  const seeds: number[] = [];
  const used = new Set<number>();
  for (let r = 0; r < replications; r++) {
    let attempt = 0;
    let seed = deriveSeed(rootSeed, point, r, mode, attempt);
    while (used.has(seed)) seed = deriveSeed(rootSeed, point, r, mode, ++attempt);
    used.add(seed);
    seeds.push(seed);
  }
  return seeds;
}
