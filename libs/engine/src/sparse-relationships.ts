// Relationship state kept only for the pairs that have exchanged: memory and per-tick cost grow with active pairs.
import type { WindowTies } from '@silolab/metrics';
import { addRepeated } from './repeated-sum';
import type { RelationshipDefaults, RelationshipStore, TrustSums } from './relationship-store';

/** Bytes a slot takes in its columns: source, target (int32), reciprocity, trust, flow (float64), lastShared (int32). */
export const BYTES_PER_SLOT = 4 + 4 + 8 + 8 + 8 + 4;

/**
 * The sparse layout of {@link RelationshipStore}. A pair gets a slot the first time anything of its own is written
 * (an owner decision, a delivery, a reciprocity update); pairs without one read the defaults. Slots live in
 * growable columns (capacity doubles), found through an open-addressing hash table of slot ids (linear probing,
 * load ≤ ½). Memory: {@link BYTES_PER_SLOT} per slot of capacity, 4 bytes per table entry (2–4 per slot), and
 * 4 bytes per slot for the row-major order that `trustSums` keeps.
 *
 * Departments must be numbered system by system (as the world builder numbers them: system-major), so that a pair's
 * position among all within-system (or across-system) pairs in row-major order is a formula.
 */
export class SparseRelationships implements RelationshipStore {
  size = 0;
  reciprocity: Float64Array;
  trust: Float64Array;
  flow: Float64Array;
  lastShared: Int32Array;
  private source: Int32Array;
  private target: Int32Array;
  private table: Int32Array;
  private shift: number;
  /** Slots in row-major (source, target) order: the first `ordered` slots made are in it. */
  private order = new Int32Array(0);
  private ordered = 0;
  private readonly systemStart: Int32Array;
  private readonly systemSize: Int32Array;
  /** Within-system ordered pairs (a ≠ b) in the rows of the systems before each system. */
  private readonly withinBefore: Float64Array;
  private lastA = -1;
  private lastB = -1;
  private lastSlot = -1;

  constructor(
    readonly systemOf: Int32Array,
    readonly defaults: RelationshipDefaults,
    capacity = 1024,
  ) {
    const systems = systemOf.reduce((max, s) => Math.max(max, s + 1), 0);
    this.systemStart = new Int32Array(systems).fill(-1);
    this.systemSize = new Int32Array(systems);
    systemOf.forEach((system, department) => {
      if (department > 0 && system < systemOf[department - 1]) throw new RangeError(`SparseRelationships: departments must be numbered system by system (department ${department} is in system ${system} after system ${systemOf[department - 1]})`);
      if (this.systemStart[system] < 0) this.systemStart[system] = department;
      this.systemSize[system]++;
    });
    this.withinBefore = new Float64Array(systems);
    for (let s = 1; s < systems; s++) this.withinBefore[s] = this.withinBefore[s - 1] + this.systemSize[s - 1] * (this.systemSize[s - 1] - 1);
    capacity = Math.max(16, capacity);
    this.source = new Int32Array(capacity);
    this.target = new Int32Array(capacity);
    this.reciprocity = new Float64Array(capacity);
    this.trust = new Float64Array(capacity);
    this.flow = new Float64Array(capacity);
    this.lastShared = new Int32Array(capacity);
    const bits = Math.ceil(Math.log2(capacity * 2));
    this.table = new Int32Array(2 ** bits);
    this.shift = 32 - bits;
  }

  get departments(): number {
    return this.systemOf.length;
  }

  find(a: number, b: number): number {
    if (a === this.lastA && b === this.lastB) return this.lastSlot;
    const mask = this.table.length - 1;
    let bucket = hash(a, b) >>> this.shift;
    for (;;) {
      const entry = this.table[bucket];
      if (entry === 0) return -1;
      const slot = entry - 1;
      if (this.source[slot] === a && this.target[slot] === b) {
        this.lastA = a;
        this.lastB = b;
        this.lastSlot = slot;
        return slot;
      }
      bucket = (bucket + 1) & mask;
    }
  }

  slot(a: number, b: number): number {
    const found = this.find(a, b);
    if (found >= 0) return found;
    if (this.size === this.source.length) this.growColumns();
    if (2 * (this.size + 1) > this.table.length) this.growTable();
    const slot = this.size++;
    const within = this.systemOf[a] === this.systemOf[b];
    this.source[slot] = a;
    this.target[slot] = b;
    this.reciprocity[slot] = within ? this.defaults.reciprocityWithin : this.defaults.reciprocityAcross;
    this.trust[slot] = within ? this.defaults.trustWithin : this.defaults.trustAcross;
    this.flow[slot] = 0;
    this.lastShared[slot] = -1;
    this.insert(slot);
    this.lastA = a;
    this.lastB = b;
    this.lastSlot = slot;
    return slot;
  }

  sourceOf(slot: number): number {
    return this.source[slot];
  }

  targetOf(slot: number): number {
    return this.target[slot];
  }

  reciprocityOf(a: number, b: number): number {
    const slot = this.find(a, b);
    if (slot >= 0) return this.reciprocity[slot];
    return this.systemOf[a] === this.systemOf[b] ? this.defaults.reciprocityWithin : this.defaults.reciprocityAcross;
  }

  trustOf(a: number, b: number): number {
    const slot = this.find(a, b);
    if (slot >= 0) return this.trust[slot];
    return this.systemOf[a] === this.systemOf[b] ? this.defaults.trustWithin : this.defaults.trustAcross;
  }

  flowOf(a: number, b: number): number {
    const slot = this.find(a, b);
    return slot >= 0 ? this.flow[slot] : 0;
  }

  decayFlow(factor: number): void {
    const flow = this.flow;
    for (let slot = 0; slot < this.size; slot++) flow[slot] *= factor;
  }

  /**
   * The dense loop's two sums, replayed: walking the slots in row-major order, the runs of default pairs between
   * them are added with {@link addRepeated} (exactly as one-by-one additions would round), each slot's own trust in
   * its place. Cost O(slots + binades crossed), not O(n²).
   */
  trustSums(): TrustSums {
    const n = this.departments;
    const last = this.systemOf.length > 0 ? this.systemOf[n - 1] : 0;
    const withinPairs = n === 0 ? 0 : this.withinBefore[last] + this.systemSize[last] * (this.systemSize[last] - 1);
    const acrossPairs = n * (n - 1) - withinPairs;
    let within = 0;
    let across = 0;
    let withinDone = 0;
    let acrossDone = 0;
    const order = this.sortedSlots();
    for (let k = 0; k < order.length; k++) {
      const slot = order[k];
      const a = this.source[slot];
      const b = this.target[slot];
      if (a === b) continue;
      const system = this.systemOf[a];
      const start = this.systemStart[system];
      const size = this.systemSize[system];
      const withinBeforeRow = this.withinBefore[system] + (a - start) * (size - 1);
      if (this.systemOf[b] === system) {
        const position = withinBeforeRow + (b - start) - (b > a ? 1 : 0);
        within = addRepeated(within, this.defaults.trustWithin, position - withinDone) + this.trust[slot];
        withinDone = position + 1;
      } else {
        const position = a * (n - 1) - withinBeforeRow + (b < start ? b : b - size);
        across = addRepeated(across, this.defaults.trustAcross, position - acrossDone) + this.trust[slot];
        acrossDone = position + 1;
      }
    }
    within = addRepeated(within, this.defaults.trustWithin, withinPairs - withinDone);
    across = addRepeated(across, this.defaults.trustAcross, acrossPairs - acrossDone);
    return { within, withinPairs, across, acrossPairs };
  }

  windowTies(since: number): WindowTies {
    const n = this.departments;
    let count = 0;
    for (let slot = 0; slot < this.size; slot++) if (this.lastShared[slot] >= since && this.source[slot] !== this.target[slot]) count++;
    // Each unordered pair once, as the key min·n + max (exact in float64 below 2⁵³), sorted into (a, b) order.
    const keys = new Float64Array(count);
    count = 0;
    for (let slot = 0; slot < this.size; slot++) {
      const a = this.source[slot];
      const b = this.target[slot];
      if (this.lastShared[slot] >= since && a !== b) keys[count++] = a < b ? a * n + b : b * n + a;
    }
    keys.sort();
    const ties: WindowTies = { length: 0, source: new Int32Array(count), target: new Int32Array(count), weight: new Float64Array(count) };
    for (let k = 0; k < count; k++) {
      if (k > 0 && keys[k] === keys[k - 1]) continue;
      const a = Math.floor(keys[k] / n);
      const b = keys[k] - a * n;
      const weight = this.flowOf(a, b) + this.flowOf(b, a);
      if (!(weight > 0)) continue;
      ties.source[ties.length] = a;
      ties.target[ties.length] = b;
      ties.weight[ties.length++] = weight;
    }
    return ties;
  }

  /** Every slot in row-major order: slots made since the last call are sorted and merged in (O(slots + new·log new)). */
  private sortedSlots(): Int32Array {
    if (this.ordered === this.size) return this.order.subarray(0, this.size);
    const n = this.departments;
    const key = (slot: number) => this.source[slot] * n + this.target[slot];
    const freshKeys = new Float64Array(this.size - this.ordered);
    for (let i = 0; i < freshKeys.length; i++) freshKeys[i] = key(this.ordered + i);
    freshKeys.sort();
    const merged = new Int32Array(this.size);
    let i = 0;
    let j = 0;
    for (let k = 0; k < merged.length; k++) {
      const fresh = j < freshKeys.length ? freshKeys[j] : Infinity;
      if (i < this.ordered && key(this.order[i]) < fresh) merged[k] = this.order[i++];
      else {
        const a = Math.floor(fresh / n);
        merged[k] = this.find(a, fresh - a * n);
        j++;
      }
    }
    this.order = merged;
    this.ordered = this.size;
    return merged;
  }

  private insert(slot: number): void {
    const mask = this.table.length - 1;
    let bucket = hash(this.source[slot], this.target[slot]) >>> this.shift;
    while (this.table[bucket] !== 0) bucket = (bucket + 1) & mask;
    this.table[bucket] = slot + 1;
  }

  private growColumns(): void {
    const capacity = this.source.length * 2;
    const grow = <T extends Int32Array | Float64Array>(column: T, make: (length: number) => T): T => {
      const next = make(capacity);
      next.set(column);
      return next;
    };
    this.source = grow(this.source, (l) => new Int32Array(l));
    this.target = grow(this.target, (l) => new Int32Array(l));
    this.reciprocity = grow(this.reciprocity, (l) => new Float64Array(l));
    this.trust = grow(this.trust, (l) => new Float64Array(l));
    this.flow = grow(this.flow, (l) => new Float64Array(l));
    this.lastShared = grow(this.lastShared, (l) => new Int32Array(l));
  }

  private growTable(): void {
    this.table = new Int32Array(this.table.length * 2);
    this.shift--;
    for (let slot = 0; slot < this.size; slot++) this.insert(slot);
  }
}

/** A 32-bit mix of a pair of department indices (its high bits pick the bucket: Fibonacci hashing). */
function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return Math.imul(h ^ (h >>> 13), 0x9e3779b1);
}
