// The state that carries from one tick to the next: relationships, perceptions, points, strategies, agreements.
import type { Scenario, World } from '@silolab/model';
import type { KeyedRandom } from './random/keyed-random';

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
 * Mutable state, changed only at the end of a tick in canonical order. Pair matrices are indexed
 * `[a * n + b]`: `reciprocity[a][b]` is a's memory of how b answered a's requests; `trust[a][b]` is a's trust in b.
 */
export interface SimulationState {
  tick: number;
  reciprocity: Float64Array;
  trust: Float64Array;
  perceivedRisk: Float64Array;
  publicLeakRate: number;
  points: Float64Array;
  penalties: Float64Array;
  /** Imitation: 1 = share strategy. */
  strategy: Uint8Array;
  /** Imitation: payoff of the last tick. */
  payoff: Float64Array;
  /**
   * Data flow from a to b: deliveries, exponentially weighted with mean age of one window
   * (flow ← flow·(1 − 1/W) + deliveries this tick). Weights the ties of the sharing network.
   */
  flow: Float64Array;
  /** Last tick in which data flowed from a to b (`[a * n + b]`), −1 never. */
  lastShared: Int32Array;
  /** key = requester * datasets + dataset. */
  agreements: Map<number, Agreement>;
}

/** The state at tick 0: relationships within a system start warmer than across systems. */
export function initialState(scenario: Scenario, world: World, random: KeyedRandom): SimulationState {
  const n = world.departments.length;
  const learning = scenario.behaviour.learning;
  const reciprocity = new Float64Array(n * n);
  const trust = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const within = world.departments[a].system === world.departments[b].system;
      reciprocity[a * n + b] = within ? learning.initialReciprocityWithin : learning.initialReciprocityAcross;
      trust[a * n + b] = within ? learning.initialTrustWithin : learning.initialTrustAcross;
    }
  }
  const initialShare = scenario.game?.initialShareFraction ?? scenario.behaviour.initialShareFraction;
  const strategyKey = random.key('initial-strategy');
  // Exactly round(x·n) sharers, chosen by sorting departments on a keyed draw: the initial fraction is exact.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => random.uniform(strategyKey, 0, a) - random.uniform(strategyKey, 0, b) || a - b);
  const strategy = new Uint8Array(n);
  order.slice(0, Math.round(initialShare * n)).forEach((i) => (strategy[i] = 1));
  return {
    tick: 0,
    reciprocity,
    trust,
    perceivedRisk: new Float64Array(n).fill(learning.initialPerceivedRisk),
    publicLeakRate: learning.initialPerceivedRisk,
    points: new Float64Array(n),
    penalties: new Float64Array(n),
    strategy,
    payoff: new Float64Array(n),
    flow: new Float64Array(n * n),
    lastShared: new Int32Array(n * n).fill(-1),
    agreements: initialAgreements(scenario, world, random),
  };
}

/**
 * Agreements in force at tick 0: each (requester, conditional dataset) pair a service needs is covered with
 * probability `initialAgreementRate`; each lapses at a keyed tick within the first `agreementTerm` days, so
 * renewals are spread out instead of all falling due at once.
 */
function initialAgreements(scenario: Scenario, world: World, random: KeyedRandom): Map<number, Agreement> {
  const conditional = scenario.policies.conditional;
  const agreements = new Map<number, Agreement>();
  const D = world.datasets.length;
  const R = world.regions.length;
  const coverKey = random.key('initial-agreement');
  const lapseKey = random.key('initial-agreement-lapse');
  const keys: number[] = [];
  for (const service of world.services) {
    for (let region = 0; region < R; region++) {
      const requester = world.departmentAt[service.provider * R + region];
      for (const need of service.needs) {
        for (let ownerRegion = 0; ownerRegion < R; ownerRegion++) {
          if (need.otherRegion ? ownerRegion === region : ownerRegion !== region) continue;
          const dataset = world.departmentAt[need.system * R + ownerRegion] * world.datasetsPerDepartment + need.datasetSlot;
          if (world.datasets[dataset].shareType === 'conditional') keys.push(requester * D + dataset);
        }
      }
    }
  }
  for (const key of [...new Set(keys)].sort((a, b) => a - b)) {
    if (random.uniform(coverKey, 0, key) >= conditional.initialAgreementRate) continue;
    const expiresAt = 1 + Math.floor(random.uniform(lapseKey, 0, key) * conditional.agreementTerm);
    agreements.set(key, { status: AGREEMENT_GRANTED, appliedAt: -1, due: -1, retryAt: 0, expiresAt, breached: false });
  }
  return agreements;
}

/** The status code of a granted agreement (AGREEMENT.granted in @silolab/policy). */
const AGREEMENT_GRANTED = 2;
