// The port behind the relationship state of ordered department pairs: reciprocity, trust, flow and last delivery.
import type { Scenario } from '@silolab/model';
import type { WindowTies } from '@silolab/metrics';

/** Values of a pair that has never exchanged, by whether both departments belong to one system (条). */
export interface RelationshipDefaults {
  reciprocityWithin: number;
  reciprocityAcross: number;
  trustWithin: number;
  trustAcross: number;
}

/** The defaults of a run, from its scenario at tick 0 (`behaviour.learning.initial*`). */
export function relationshipDefaults(scenario: Scenario): RelationshipDefaults {
  const learning = scenario.behaviour.learning;
  return {
    reciprocityWithin: learning.initialReciprocityWithin,
    reciprocityAcross: learning.initialReciprocityAcross,
    trustWithin: learning.initialTrustWithin,
    trustAcross: learning.initialTrustAcross,
  };
}

/** Sums of `trust[a][b]` over ordered pairs a ≠ b, within one system and across systems, in row-major order. */
export interface TrustSums {
  within: number;
  withinPairs: number;
  across: number;
  acrossPairs: number;
}

/**
 * Relationship state of ordered pairs (a, b): `reciprocity` (a's memory of how b answered a's requests), `trust`
 * (a's trust in b), `flow` (deliveries from a to b, exponentially weighted) and `lastShared` (last tick data went
 * from a to b, −1 never). A pair's values live in a **slot**; a pair without one holds the defaults (flow 0, never
 * shared). The engine's layout is {@link SparseRelationships} (slots only for pairs that exchanged); the tests keep
 * the dense n × n layout as a reference that must give the same runs bit for bit.
 *
 * Columns are indexed by slot and may be replaced when the store grows: read them after `slot()`, not before.
 */
export interface RelationshipStore {
  readonly departments: number;
  /** System (条) of each department: pairs within one system take the `*Within` defaults. */
  readonly systemOf: Int32Array;
  readonly defaults: RelationshipDefaults;
  /** Slots in use: slot ids run from 0 to size − 1. */
  readonly size: number;
  readonly reciprocity: Float64Array;
  readonly trust: Float64Array;
  readonly flow: Float64Array;
  readonly lastShared: Int32Array;
  /** The slot of (a, b), or −1 when the pair has none (its values are the defaults). */
  find(a: number, b: number): number;
  /** The slot of (a, b), made with the defaults when the pair has none. */
  slot(a: number, b: number): number;
  /** The pair a slot holds. */
  sourceOf(slot: number): number;
  targetOf(slot: number): number;
  reciprocityOf(a: number, b: number): number;
  trustOf(a: number, b: number): number;
  /** flow ← flow·factor for every pair (pairs without a slot have flow 0). */
  decayFlow(factor: number): void;
  /** Trust summed over every ordered pair a ≠ b as the dense loop `for a, for b` adds it, rounding included. */
  trustSums(): TrustSums;
  /**
   * The ties of the window network: unordered pairs a < b, in (a, b) order, where data went either way at tick
   * `since` or later; weight flow(a, b) + flow(b, a), left out when not positive.
   */
  windowTies(since: number): WindowTies;
}

/** Makes the store of a run. */
export type RelationshipStoreFactory = (systemOf: Int32Array, defaults: RelationshipDefaults) => RelationshipStore;
