// Keyed (counter-based) random numbers: every draw is a pure function of (seed, purpose, tick, ids, counter).

// A module-level binding: a property lookup on Math per multiply costs ~5× under Jest's sandboxed globals.
const imul = Math.imul;

/**
 * lowbias32 (Chris Wellons' hash-prospector): a 32-bit integer finaliser with near-ideal avalanche.
 * Inputs and outputs are uint32.
 */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a hash of a string (purpose names, ids) to uint32. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;

/**
 * The run's random source. Nothing is sequential: `uniform(key, tick, a, b)` hashes its arguments, so the order
 * in which a transport delivers messages can never change a draw, and a rerun from any tick sees the same draws.
 * Keys come from `key(purpose)`, which binds a purpose name to the run's seed.
 */
export class KeyedRandom {
  private readonly seedLow: number;
  private readonly seedHigh: number;

  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
    this.seedLow = seed >>> 0;
    this.seedHigh = Math.floor(seed / TWO_POW_32) >>> 0;
  }

  /** A stream key for one purpose ('decide', 'leak', …): hash of the seed and the purpose name. */
  key(purpose: string): number {
    return mix32(mix32(this.seedLow ^ hashString(purpose)) ^ mix32(this.seedHigh + 0x9e3779b9));
  }

  /** A uint32 that depends only on (key, tick, a, b). */
  bits(key: number, tick: number, a: number, b = 0): number {
    let h = mix32(key ^ imul(tick + 1, 0x9e3779b1));
    h = mix32(h ^ imul(a + 1, 0x85ebca77));
    return mix32(h ^ imul(b + 1, 0xc2b2ae3d));
  }

  /** A uniform number in [0, 1) that depends only on (key, tick, a, b). */
  uniform(key: number, tick: number, a: number, b = 0): number {
    return this.bits(key, tick, a, b) / TWO_POW_32;
  }

  /** A uniform integer in [0, n). */
  below(key: number, tick: number, a: number, b: number, n: number): number {
    return Math.floor(this.uniform(key, tick, a, b) * n);
  }

  /**
   * A function returning successive uniforms of the sub-stream (key, tick, a) — for libraries that take an rng
   * (Louvain). Deterministic as long as the library calls it in a deterministic order.
   */
  sequence(key: number, tick: number, a = 0): () => number {
    let counter = 0;
    return () => this.uniform(key, tick, a, counter++);
  }
}
