// The end of a tick, in canonical order: agreement workflow, accountability, learning and imitation.
import { fermiAdoptionProbability, shareProbability, type World } from '@silolab/model';
import { AGREEMENT } from '@silolab/policy';
import type { ExchangeRules } from './exchange-rules';
import type { KeyedRandom } from './random/keyed-random';
import type { SimulationState } from './simulation-state';
import type { TickAccumulator } from './tick-accumulator';

/** What the agreement workflow did this tick. */
export interface AgreementCounts {
  applications: number;
  granted: number;
  refused: number;
  breaches: number;
  escalations: number;
  pending: number;
}

/**
 * The conditional-share (有条件共享) workflow in simulated working days. A request for conditional data without an
 * agreement is denied and opens an application, due `replyDeadline` days later. Each day the owner answers a
 * pending application with probability `replyProbability`, granting it with its share probability σ(β·Δ) for that
 * requester and dataset. An application still pending on its due day is a breach of the deadline: it is
 * escalated and a supervisor grants it with probability `escalationGrantRate`. A refused agreement may be applied
 * for again after `reapplyAfter` days; a granted one lapses after `agreementTerm` days and must be renewed.
 */
export function advanceAgreements(state: SimulationState, accumulator: TickAccumulator, rules: ExchangeRules, random: KeyedRandom, tick: number): AgreementCounts {
  const conditional = rules.scenario.policies.conditional;
  const datasets = rules.world.datasets.length;
  const counts: AgreementCounts = { applications: 0, granted: 0, refused: 0, breaches: 0, escalations: 0, pending: 0 };
  const replyKey = random.key('agreement-reply');
  const grantKey = random.key('agreement-grant');
  const escalateKey = random.key('agreement-escalate');
  const keys = [...state.agreements.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const agreement = state.agreements.get(key)!;
    if (agreement.status !== AGREEMENT.pending) continue;
    const requester = Math.floor(key / datasets);
    const dataset = key - requester * datasets;
    const owner = rules.world.datasets[dataset].owner;
    let granted: boolean | null = null;
    if (random.uniform(replyKey, tick, key) < conditional.replyProbability) {
      granted = random.uniform(grantKey, tick, key) < shareProbability(rules.scenario.behaviour.beta, rules.utilityDifference(owner, requester, dataset));
    } else if (tick >= agreement.due) {
      counts.breaches++;
      counts.escalations++;
      agreement.breached = true;
      granted = random.uniform(escalateKey, tick, key) < conditional.escalationGrantRate;
      accumulator.notable.escalation({ requester, owner, dataset, granted });
    }
    if (granted === true) {
      agreement.status = AGREEMENT.granted;
      agreement.expiresAt = tick + conditional.agreementTerm;
      counts.granted++;
    } else if (granted === false) {
      agreement.status = AGREEMENT.refused;
      agreement.retryAt = tick + conditional.reapplyAfter;
      counts.refused++;
    }
  }
  for (const key of accumulator.newApplications) {
    state.agreements.set(key, { status: AGREEMENT.pending, appliedAt: tick, due: tick + conditional.replyDeadline, retryAt: 0, expiresAt: 0, breached: false });
    counts.applications++;
  }
  for (const agreement of state.agreements.values()) if (agreement.status === AGREEMENT.pending) counts.pending++;
  return counts;
}

/**
 * Learning, applied once per tick after every exchange is closed:
 * - reciprocity: for each pair where owner o decided requests from r, with f = shares ÷ decisions,
 *   recip[r][o] ← (1 − λ_r)·recip[r][o] + λ_r·f (r remembers how o answered it);
 * - trust grows from experience: trust[o][r] ← (1 − λ_t)·trust[o][r] + λ_t·f — an owner comes to trust the
 *   requesters it actually shares with, and trust is not built with those it refuses;
 * - a leak of o's data attributed to holder h: trust[o][h] ← trust[o][h]·(1 − shock);
 * - perceived risk: ρ_o ← (1 − λ_ρ)·ρ_o + λ_ρ·(w·own_o + (1 − w)·public), where own_o is the detected-leak rate of
 *   o's delivered copies this tick (public when o delivered nothing) and public the rate over all departments.
 */
export function learn(state: SimulationState, accumulator: TickAccumulator, rules: ExchangeRules, world: World): void {
  const n = world.departments.length;
  const learning = rules.scenario.behaviour.learning;
  const relationships = state.relationships;
  // Each pair is updated once from its own counts, so the order of pairs cannot change the result.
  for (const pair of accumulator.touchedPairs) {
    const owner = relationships.sourceOf(pair);
    const requester = relationships.targetOf(pair);
    const f = accumulator.sharedDecisions[pair] / accumulator.decided[pair];
    const memory = relationships.slot(requester, owner);
    relationships.reciprocity[memory] += learning.reciprocityRate * (f - relationships.reciprocity[memory]);
    relationships.trust[pair] += learning.trustRate * (f - relationships.trust[pair]);
  }
  relationships.decayFlow(1 - 1 / rules.scenario.metrics.window);
  for (const pair of accumulator.touchedPairs) relationships.flow[pair] += accumulator.delivered[pair];
  const leaks = accumulator.identifiedLeaks;
  for (let k = 0; k < leaks.length; k += 2) relationships.trust[relationships.slot(leaks[k], leaks[k + 1])] *= 1 - learning.leakTrustShock;

  const deliveries = accumulator.byDecision[0];
  if (deliveries > 0) state.publicLeakRate = accumulator.detectedLeaks / deliveries;
  for (let owner = 0; owner < n; owner++) {
    const own = accumulator.deliveriesByOwner[owner] > 0 ? accumulator.detectedByOwner[owner] / accumulator.deliveriesByOwner[owner] : state.publicLeakRate;
    const signal = learning.ownExperienceWeight * own + (1 - learning.ownExperienceWeight) * state.publicLeakRate;
    state.perceivedRisk[owner] += learning.riskRate * (signal - state.perceivedRisk[owner]);
    state.penalties[owner] += accumulator.tickPenalty[owner];
  }
}

/**
 * Imitation (behaviour `imitation`): every department i picks a peer j uniformly among the others and adopts
 * j's strategy with the Fermi probability 1 / (1 + e^(−s·(π_j − π_i))); all departments update at once.
 * Payoffs π are the tick's game payoffs, or its realised payoffs less penalties when there is no game.
 */
export function imitate(state: SimulationState, accumulator: TickAccumulator, rules: ExchangeRules, random: KeyedRandom, tick: number): void {
  const n = state.strategy.length;
  if (n < 2) return;
  const behaviour = rules.scenario.behaviour;
  const peerKey = random.key('imitate-peer');
  const adoptKey = random.key('imitate-adopt');
  for (let i = 0; i < n; i++) state.payoff[i] = accumulator.payoff[i] - (rules.scenario.game ? 0 : accumulator.tickPenalty[i]);
  const next = Uint8Array.from(state.strategy);
  for (let i = 0; i < n; i++) {
    let peer = random.below(peerKey, tick, i, 0, n - 1);
    if (peer >= i) peer++;
    if (random.uniform(adoptKey, tick, i) < fermiAdoptionProbability(behaviour.imitationStrength, state.payoff[i], state.payoff[peer])) next[i] = state.strategy[peer];
  }
  state.strategy.set(next);
}
