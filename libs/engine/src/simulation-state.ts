// The state that carries from one tick to the next: relationships, perceptions, points, strategies, agreements.
import type { Scenario, World } from '@silolab/model';
import type { KeyedRandom } from './random/keyed-random';
import { relationshipDefaults, type RelationshipStore, type RelationshipStoreFactory } from './relationship-store';
import { SparseRelationships } from './sparse-relationships';
import type { InitialAgreements } from './initial-agreements';

/** A conditional-data agreement between a requester and a dataset (有条件共享 workflow). */
export interface Agreement {
  status: number;
  /** Tick the application was made. */
  appliedAt: number;
  /** Tick by which the owner must answer. */
  due: number;
  /** For a refused agreement: tick from which a new application may be made. */
  retryAt: number;
  /** For a granted agreement: tick at which it lapses and must be applied for again. */
  expiresAt: number;
  breached: boolean;
}

/**
 * Mutable state, changed only at the end of a tick in canonical order. The relationships of department pairs
 * (reciprocity, trust, flow, last delivery) are in a {@link RelationshipStore}: slots only for pairs that exchanged.
 */
export interface SimulationState {
  tick: number;
  relationships: RelationshipStore;
  perceivedRisk: Float64Array;
  publicLeakRate: number;
  points: Float64Array;
  penalties: Float64Array;
  /** Imitation: 1 = share strategy. */
  strategy: Uint8Array;
  /** Imitation: payoff of the last tick. */
  payoff: Float64Array;
  /**
   * Agreements made during the run, key = requester * datasets + dataset. Those in force at tick 0 are not stored:
   * {@link InitialAgreements} answers for them.
   */
  agreements: Map<number, Agreement>;
}

/** The state at tick 0: every pair holds its defaults (relationships within a system start warmer than across). */
export function initialState(scenario: Scenario, world: World, random: KeyedRandom, relationships: RelationshipStoreFactory = sparseRelationships): SimulationState {
  const n = world.departments.length;
  const learning = scenario.behaviour.learning;
  const initialShare = scenario.game?.initialShareFraction ?? scenario.behaviour.initialShareFraction;
  const strategyKey = random.key('initial-strategy');
  // Exactly round(x·n) sharers, chosen by sorting departments on a keyed draw: the initial fraction is exact.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => random.uniform(strategyKey, 0, a) - random.uniform(strategyKey, 0, b) || a - b);
  const strategy = new Uint8Array(n);
  order.slice(0, Math.round(initialShare * n)).forEach((i) => (strategy[i] = 1));
  return {
    tick: 0,
    relationships: relationships(Int32Array.from(world.departments, (d) => d.system), relationshipDefaults(scenario)),
    perceivedRisk: new Float64Array(n).fill(learning.initialPerceivedRisk),
    publicLeakRate: learning.initialPerceivedRisk,
    points: new Float64Array(n),
    penalties: new Float64Array(n),
    strategy,
    payoff: new Float64Array(n),
    agreements: new Map(),
  };
}

/** The engine's layout: the sparse store. */
export const sparseRelationships: RelationshipStoreFactory = (systemOf, defaults) => new SparseRelationships(systemOf, defaults);
