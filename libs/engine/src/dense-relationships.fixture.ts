// The dense n × n layout of the relationship state, as the engine kept it before the sparse one: the reference the
// tests compare the sparse layout with (same runs, same digests). Not used by the engine itself.
import type { WindowTies } from '@silolab/metrics';
import type { RelationshipDefaults, RelationshipStore, TrustSums } from './relationship-store';

/**
 * Every ordered pair has a slot, `a * n + b`, from the start: 28 bytes × n² (reciprocity, trust and flow as
 * float64, lastShared as int32). Trust sums and window ties visit every pair, in row-major order.
 */
export class DenseRelationships implements RelationshipStore {
  readonly size: number;
  readonly reciprocity: Float64Array;
  readonly trust: Float64Array;
  readonly flow: Float64Array;
  readonly lastShared: Int32Array;
  private readonly n: number;

  constructor(
    readonly systemOf: Int32Array,
    readonly defaults: RelationshipDefaults,
  ) {
    const n = systemOf.length;
    this.n = n;
    this.size = n * n;
    this.reciprocity = new Float64Array(n * n);
    this.trust = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const within = systemOf[a] === systemOf[b];
        this.reciprocity[a * n + b] = within ? defaults.reciprocityWithin : defaults.reciprocityAcross;
        this.trust[a * n + b] = within ? defaults.trustWithin : defaults.trustAcross;
      }
    }
    this.flow = new Float64Array(n * n);
    this.lastShared = new Int32Array(n * n).fill(-1);
  }

  get departments(): number {
    return this.n;
  }

  find(a: number, b: number): number {
    return a * this.n + b;
  }

  slot(a: number, b: number): number {
    return a * this.n + b;
  }

  sourceOf(slot: number): number {
    return Math.floor(slot / this.n);
  }

  targetOf(slot: number): number {
    return slot % this.n;
  }

  reciprocityOf(a: number, b: number): number {
    return this.reciprocity[a * this.n + b];
  }

  trustOf(a: number, b: number): number {
    return this.trust[a * this.n + b];
  }

  decayFlow(factor: number): void {
    for (let pair = 0; pair < this.flow.length; pair++) this.flow[pair] *= factor;
  }

  trustSums(): TrustSums {
    const n = this.n;
    let within = 0;
    let withinPairs = 0;
    let across = 0;
    let acrossPairs = 0;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        if (this.systemOf[a] === this.systemOf[b]) {
          within += this.trust[a * n + b];
          withinPairs++;
        } else {
          across += this.trust[a * n + b];
          acrossPairs++;
        }
      }
    }
    return { within, withinPairs, across, acrossPairs };
  }

  windowTies(since: number): WindowTies {
    const n = this.n;
    const source: number[] = [];
    const target: number[] = [];
    const weight: number[] = [];
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const w = this.lastShared[a * n + b] >= since || this.lastShared[b * n + a] >= since ? this.flow[a * n + b] + this.flow[b * n + a] : 0;
        if (w > 0) {
          source.push(a);
          target.push(b);
          weight.push(w);
        }
      }
    }
    return { length: source.length, source: Int32Array.from(source), target: Int32Array.from(target), weight: Float64Array.from(weight) };
  }
}

/** The factory to pass as `SimulationOptions.relationships` for a dense run. */
export const denseRelationships = (systemOf: Int32Array, defaults: RelationshipDefaults): RelationshipStore => new DenseRelationships(systemOf, defaults);
