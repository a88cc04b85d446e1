// The per-exchange rules of one tick: the hub's check, the owner's decision and the transfer, as pure functions of
// the start-of-tick state and keyed draws — so any transport, in any order, resolves an exchange the same way.
import * as model from '@silolab/model';
import type { Scenario, World } from '@silolab/model';
import * as policy from '@silolab/policy';
import type { PermissionInput } from '@silolab/policy';
import type { InitialAgreements } from './initial-agreements';
import type { PolicyView } from './policy-view';
import type { KeyedRandom } from './random/keyed-random';
import type { RequestBatch } from './request-batch';
import type { SimulationState } from './simulation-state';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { DECISION, REASON, refusalReason, shareProbability } = model;
const { AGREEMENT, checkPermission, isMinimised } = policy;

const BEHAVIOUR = { 'utility-logit': 0, fixed: 1, imitation: 2 } as const;

/** Keys of the draws an exchange uses (one stream per purpose). */
interface DrawKeys {
  decide: number;
  mutate: number;
  transfer: number;
  purpose: number;
  overreach: number;
}

/**
 * Rules bound to one tick. `resolve` runs the three steps for request i of a batch and writes its outcome; the
 * steps are also exposed one by one for transports that run them in different processes (hub, owner).
 */
export class ExchangeRules {
  private readonly keys: DrawKeys;
  private readonly n: number;
  private readonly input: PermissionInput = { listed: false, shareType: 0, personal: false, requesterCleared: false, agreement: 0, purposeFits: true };
  private readonly securityScale: number;
  private readonly personal: Uint8Array;
  private readonly quality: Float64Array;
  private readonly cost: Float64Array;
  private readonly systemOf: Int32Array;
  private readonly security: Float64Array;
  private behaviourCode = 0;
  tick = 0;
  view!: PolicyView;
  state!: SimulationState;
  scenario!: Scenario;

  constructor(
    readonly world: World,
    readonly random: KeyedRandom,
    /** The agreements in force at tick 0 (from the run's initial scenario and world). */
    readonly initialAgreements: InitialAgreements,
  ) {
    this.keys = {
      decide: random.key('decide'),
      mutate: random.key('mutate'),
      transfer: random.key('transfer'),
      purpose: random.key('purpose'),
      overreach: random.key('overreach'),
    };
    this.n = world.departments.length;
    this.personal = Uint8Array.from(world.datasets, (d) => (d.personal ? 1 : 0));
    this.quality = Float64Array.from(world.datasets, (d) => d.quality);
    this.cost = Float64Array.from(world.datasets, (d) => d.productionCost);
    this.systemOf = Int32Array.from(world.departments, (d) => d.system);
    this.security = Float64Array.from(world.departments, (d) => d.securityCapability);
    const meanSecurity = this.security.reduce((a, b) => a + b, 0) / Math.max(1, this.n);
    this.securityScale = 1 / Math.max(0.05, 1 - meanSecurity);
  }

  /** Binds the rules to the tick's policy view and start-of-tick state. */
  beginTick(tick: number, view: PolicyView, state: SimulationState): void {
    this.tick = tick;
    this.view = view;
    this.state = state;
    this.scenario = view.scenario;
    this.behaviourCode = BEHAVIOUR[view.scenario.behaviour.model];
  }

  /** The agreement status the hub sees for (requester, dataset) at the start of the tick. */
  agreementStatus(requester: number, dataset: number): number {
    const key = requester * this.world.datasets.length + dataset;
    const agreement = this.state.agreements.get(key);
    if (agreement === undefined) {
      const expiresAt = this.initialAgreements.expiresAt(key);
      return expiresAt >= 0 && this.tick < expiresAt ? AGREEMENT.granted : AGREEMENT.none;
    }
    if (agreement.status === AGREEMENT.refused && this.tick >= agreement.retryAt) return AGREEMENT.none;
    if (agreement.status === AGREEMENT.granted && this.tick >= agreement.expiresAt) return AGREEMENT.none;
    return agreement.status;
  }

  /** Hub: the permission check. Returns REASON.ok or a denial reason; marks the request minimised when trimmed. */
  hubCheck(batch: RequestBatch, i: number): number {
    const ordinal = batch.firstOrdinal + i;
    const dataset = batch.dataset[i];
    const requester = batch.requester[i];
    const view = this.view;
    const input = this.input;
    input.listed = view.listed[dataset] === 1;
    input.shareType = view.shareType[dataset];
    input.personal = this.personal[dataset] === 1;
    input.requesterCleared = view.cleared[requester] === 1;
    input.agreement = input.shareType === 1 ? this.agreementStatus(requester, dataset) : AGREEMENT.none;
    input.purposeFits = this.random.uniform(this.keys.purpose, this.tick, ordinal) >= this.scenario.permissions.purposeErrorRate;
    const checks = this.systemOf[batch.owner[i]] === this.systemOf[requester] ? view.withinChecks : view.checks;
    const reason = checkPermission(checks, input);
    batch.minimised[i] = reason === REASON.ok && isMinimised(checks, this.random.uniform(this.keys.overreach, this.tick, ordinal) < this.scenario.permissions.overreachRate) ? 1 : 0;
    return reason;
  }

  /** True when the dataset's legacy schema differs from the requester's system (no common standard). */
  mismatch(owner: number, requester: number, dataset: number): boolean {
    return this.view.standard[dataset] === 0 && this.systemOf[owner] !== this.systemOf[requester];
  }

  /** E: effort of the transfer. */
  effort(owner: number, requester: number, dataset: number): number {
    const b = this.scenario.behaviour;
    return b.baseEffort + (this.mismatch(owner, requester, dataset) ? this.scenario.policies.standards.mismatchEffort : 0);
  }

  /** C: ownership cost (unwillingness). */
  ownership(owner: number, dataset: number): number {
    return this.world.departments[owner].ownershipAttachment * this.cost[dataset];
  }

  /** R: reciprocity towards the requester. */
  reciprocity(owner: number, requester: number): number {
    return this.world.departments[owner].reciprocityWeight * (2 * this.state.relationships.reciprocityOf(owner, requester) - 1);
  }

  /**
   * L: expected liability = ρ_or × blame share × leak penalty × (personal ? 1 : w_np) × risk aversion, where the
   * owner's perceived chance that this requester's copy leaks and is detected is
   * ρ_or = ρ_o · 2·(1 − trust_or) · (1 − security_r) / (1 − mean security).
   */
  liability(owner: number, requester: number, dataset: number): number {
    const risk = this.state.perceivedRisk[owner] * 2 * (1 - this.state.relationships.trustOf(owner, requester)) * (1 - this.security[requester]) * this.securityScale;
    const penalty = this.scenario.policies.accountability.leakPenalty * (this.personal[dataset] === 1 ? 1 : this.scenario.leaks.nonPersonalPenaltyWeight);
    return risk * this.view.ownerBlame * penalty * this.world.departments[owner].riskAversion;
  }

  /** Δ = U_share − U_refuse for a request (see `utilityDifference` in @silolab/model for the equation). */
  utilityDifference(owner: number, requester: number, dataset: number): number {
    return (
      this.scenario.behaviour.publicServiceMotivation +
      this.view.incentive +
      this.reciprocity(owner, requester) -
      this.effort(owner, requester, dataset) -
      this.ownership(owner, dataset) -
      this.liability(owner, requester, dataset) +
      this.view.refusalCost
    );
  }

  /** The refusal reason for a request: its dominant cost term. */
  refusalReasonFor(owner: number, requester: number, dataset: number): number {
    return refusalReason(this.ownership(owner, dataset), this.reciprocity(owner, requester), this.effort(owner, requester, dataset), this.liability(owner, requester, dataset));
  }

  /** Owner: share (REASON.ok) or refuse (with its reason), by the scenario's behaviour. */
  ownerDecision(batch: RequestBatch, i: number): number {
    const ordinal = batch.firstOrdinal + i;
    const owner = batch.owner[i];
    const requester = batch.requester[i];
    const dataset = batch.dataset[i];
    const u = this.random.uniform(this.keys.decide, this.tick, ordinal);
    const behaviour = this.scenario.behaviour;
    let share: boolean;
    if (this.behaviourCode === 0) share = u < shareProbability(behaviour.beta, this.utilityDifference(owner, requester, dataset));
    else if (this.behaviourCode === 1) share = u < behaviour.fixedShareProbability;
    else share = (this.state.strategy[owner] === 1) !== this.random.uniform(this.keys.mutate, this.tick, ordinal) < behaviour.mutationRate;
    return share ? REASON.ok : this.refusalReasonFor(owner, requester, dataset);
  }

  /** Transfer: a legacy schema sent across systems needs mapping, which can fail. Returns REASON.ok or transfer_failed. */
  transfer(batch: RequestBatch, i: number): number {
    const transformed = this.mismatch(batch.owner[i], batch.requester[i], batch.dataset[i]);
    batch.transformed[i] = transformed ? 1 : 0;
    if (!transformed) return REASON.ok;
    const failed = this.random.uniform(this.keys.transfer, this.tick, batch.firstOrdinal + i) < this.scenario.policies.standards.mismatchFailureRate;
    return failed ? REASON.transfer_failed : REASON.ok;
  }

  /** Runs hub check, owner decision and transfer for request i and writes its decision and reason. */
  resolve(batch: RequestBatch, i: number): void {
    batch.transformed[i] = 0;
    const denial = this.hubCheck(batch, i);
    if (denial !== REASON.ok) return this.settle(batch, i, DECISION.denied, denial);
    this.settleOwnerDecision(batch, i, this.ownerDecision(batch, i));
  }

  /**
   * Settles request i, allowed by the hub, with the owner's decision (REASON.ok to share, or a refusal reason): a
   * refusal, or a share and its transfer. A person's decision on a seated department's request is settled here too,
   * after the resolver, so it reaches any transport; the transfer's draw is keyed, so settling twice is harmless.
   */
  settleOwnerDecision(batch: RequestBatch, i: number, decision: number): void {
    if (decision !== REASON.ok) {
      batch.transformed[i] = 0;
      return this.settle(batch, i, DECISION.refused, decision);
    }
    const transfer = this.transfer(batch, i);
    this.settle(batch, i, transfer === REASON.ok ? DECISION.shared : DECISION.failed, transfer);
  }

  private settle(batch: RequestBatch, i: number, decision: number, reason: number): void {
    batch.decision[i] = decision;
    batch.reason[i] = reason;
  }

  /** Delivered quality: the dataset's quality, less the mapping loss when its schema was transformed. */
  deliveredQuality(batch: RequestBatch, i: number): number {
    const q = this.quality[batch.dataset[i]];
    return batch.transformed[i] === 1 ? q * (1 - this.scenario.policies.standards.mismatchQualityLoss) : q;
  }
}
