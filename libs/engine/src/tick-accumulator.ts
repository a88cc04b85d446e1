// Closing the tick's exchanges one by one in canonical order: counts, ledger records, leaks, audits, points,
// service completion and payoffs. Nothing here changes what another exchange of the same tick sees.
import * as model from '@silolab/model';
import type { World } from '@silolab/model';
import type { ExchangeRules } from './exchange-rules';
import { NotableEventLog } from './notable-events';
import type { KeyedRandom } from './random/keyed-random';
import type { RequestBatch } from './request-batch';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { DECISION, REASONS, REASON, REASON_CATEGORY_CODE, allocateBlame } = model;

/**
 * Per-tick counters; reset at the start of each tick. Pair counters are indexed by the relationship slot of
 * (owner, requester) and grow with the store: 12 bytes per slot of capacity.
 */
export class TickAccumulator {
  requests = 0;
  readonly byDecision = new Float64Array(4);
  readonly byReason = new Float64Array(REASONS.length);
  /** Owner refusals by category (0 unwilling, 1 unable, 2 afraid). */
  readonly refusals = new Float64Array(3);
  /** Every non-delivery (denial, refusal, failure) by category. */
  readonly blocked = new Float64Array(3);
  minimised = 0;
  lowQuality = 0;
  crossRequests = 0;
  crossDelivered = 0;
  withinRequests = 0;
  withinDelivered = 0;
  leaks = 0;
  detectedLeaks = 0;
  attributedLeaks = 0;
  penaltiesTotal = 0;
  pointsPaid = 0;
  auditedRefusals = 0;
  applications = 0;
  readonly applicationsByGroup: Float64Array;
  readonly completedByGroup: Float64Array;
  /** Owner decisions (shared or refused, not hub denials), shares and deliveries, per relationship slot. */
  decided = new Int32Array(1024);
  delivered = new Int32Array(1024);
  sharedDecisions = new Int32Array(1024);
  readonly deliveriesByOwner: Float64Array;
  readonly detectedByOwner: Float64Array;
  readonly tickPenalty: Float64Array;
  readonly payoff: Float64Array;
  /** Slots of the pairs (owner, requester) with at least one owner decision this tick, in first-touch order. */
  touchedPairs: number[] = [];
  /** Identified leaks as (owner, holder) pairs, in canonical order. */
  identifiedLeaks: number[] = [];
  /** Agreement applications opened this tick (key = requester * datasets + dataset), deduplicated, in canonical order. */
  readonly newApplications = new Set<number>();
  /** Leaks, audits and escalations of this tick, for people watching the run. */
  readonly notable = new NotableEventLog();
  private currentApplication = -1;
  private currentGroup = 0;
  private currentComplete = true;
  private readonly groupOfServiceRegion: Int32Array;
  private readonly regions: number;
  private readonly keys: { leak: number; detect: number; identify: number; audit: number };

  constructor(
    private readonly world: World,
    private readonly random: KeyedRandom,
  ) {
    const n = world.departments.length;
    this.regions = world.regions.length;
    const groups = world.citizenGroups.length;
    this.applicationsByGroup = new Float64Array(groups);
    this.completedByGroup = new Float64Array(groups);
    this.groupOfServiceRegion = new Int32Array(Math.max(1, world.services.length * this.regions));
    world.services.forEach((service, s) => {
      for (let r = 0; r < this.regions; r++) {
        this.groupOfServiceRegion[s * this.regions + r] = world.citizenGroups.indexOf(world.regionGroups[r] ?? service.citizenGroup);
      }
    });
    this.deliveriesByOwner = new Float64Array(n);
    this.detectedByOwner = new Float64Array(n);
    this.tickPenalty = new Float64Array(n);
    this.payoff = new Float64Array(n);
    this.keys = { leak: random.key('leak'), detect: random.key('detect'), identify: random.key('identify'), audit: random.key('audit') };
  }

  /** Clears every counter for a new tick. */
  reset(): void {
    this.requests = this.minimised = this.lowQuality = 0;
    this.crossRequests = this.crossDelivered = this.withinRequests = this.withinDelivered = 0;
    this.leaks = this.detectedLeaks = this.attributedLeaks = this.penaltiesTotal = this.pointsPaid = this.auditedRefusals = 0;
    this.applications = 0;
    for (const array of [this.byDecision, this.byReason, this.refusals, this.blocked, this.applicationsByGroup, this.completedByGroup, this.deliveriesByOwner, this.detectedByOwner, this.tickPenalty, this.payoff]) array.fill(0);
    for (const pair of this.touchedPairs) {
      this.decided[pair] = 0;
      this.sharedDecisions[pair] = 0;
      this.delivered[pair] = 0;
    }
    this.touchedPairs = [];
    this.identifiedLeaks = [];
    this.newApplications.clear();
    this.notable.take();
    this.currentApplication = -1;
    this.currentComplete = true;
  }

  /** Closes request i of the batch (after it has a terminal outcome). Called in canonical (ordinal) order. */
  close(batch: RequestBatch, i: number, rules: ExchangeRules): void {
    const tick = rules.tick;
    const ordinal = batch.firstOrdinal + i;
    const owner = batch.owner[i];
    const requester = batch.requester[i];
    const dataset = batch.dataset[i];
    const decision = batch.decision[i];
    const reason = batch.reason[i];
    const scenario = rules.scenario;
    const cross = this.world.departments[owner].system !== this.world.departments[requester].system;
    const delivered = decision === DECISION.shared;

    this.requests++;
    this.byDecision[decision]++;
    this.byReason[reason]++;
    this.minimised += batch.minimised[i];
    const category = REASON_CATEGORY_CODE[reason];
    if (category >= 0) {
      this.blocked[category]++;
      if (decision === DECISION.refused) this.refusals[category]++;
    }
    if (cross) {
      this.crossRequests++;
      if (delivered) this.crossDelivered++;
    } else {
      this.withinRequests++;
      if (delivered) this.withinDelivered++;
    }
    const relationships = rules.state.relationships;
    const pair = decision === DECISION.denied ? -1 : relationships.slot(owner, requester);
    if (pair >= 0) {
      if (pair >= this.decided.length) this.grow(relationships.size);
      if (this.decided[pair]++ === 0) this.touchedPairs.push(pair);
      if (decision !== DECISION.refused) this.sharedDecisions[pair]++;
    }
    if (decision === DECISION.denied && reason === REASON.no_agreement) this.newApplications.add(requester * this.world.datasets.length + dataset);

    let usable = false;
    const accountability = scenario.policies.accountability;
    if (delivered) {
      relationships.lastShared[pair] = tick;
      this.delivered[pair]++;
      this.deliveriesByOwner[owner]++;
      const points = scenario.policies.incentives.pointsPerShare;
      rules.state.points[owner] += points;
      this.pointsPaid += points;
      const minQuality = scenario.demand.mode === 'services' ? scenario.demand.minQuality : 0;
      usable = rules.deliveredQuality(batch, i) >= minQuality;
      if (!usable) this.lowQuality++;
      this.leak(rules, tick, ordinal, owner, requester, dataset);
    } else if (decision === DECISION.refused && accountability.auditRate > 0 && this.random.uniform(this.keys.audit, tick, ordinal) < accountability.auditRate) {
      this.auditedRefusals++;
      this.penalise(owner, accountability.refusalPenalty);
      this.notable.audit({ owner, requester, dataset, penalty: accountability.refusalPenalty });
    }

    if (scenario.behaviour.model === 'imitation' && !scenario.game) {
      // Realised payoff: the owner gains the incentive less the effort and ownership cost of what it shared;
      // the requester gains a benefit per usable delivery. Penalties are subtracted at the end of the tick.
      if (decision !== DECISION.denied && decision !== DECISION.refused) {
        this.payoff[owner] += rules.view.incentive - rules.effort(owner, requester, dataset) - rules.ownership(owner, dataset);
      }
      if (usable) this.payoff[requester] += scenario.behaviour.requesterBenefit;
    }
    if (scenario.game && i % 2 === 1) this.playGame(batch, i, scenario.game, scenario.demand.mode === 'pairing' ? scenario.demand.rounds : 1);
    if (batch.purpose[i] >= 0) this.trackApplication(batch, i, usable);
  }

  /** Finishes the tick's last application. */
  finish(): void {
    this.endApplication();
  }

  /** Makes room for counters of slots below `slots`. */
  private grow(slots: number): void {
    let capacity = this.decided.length;
    while (capacity < slots) capacity *= 2;
    for (const name of ['decided', 'sharedDecisions', 'delivered'] as const) {
      const next = new Int32Array(capacity);
      next.set(this[name]);
      this[name] = next;
    }
  }

  private leak(rules: ExchangeRules, tick: number, ordinal: number, owner: number, holder: number, dataset: number): void {
    const scenario = rules.scenario;
    const chance = scenario.leaks.rate * (1 - this.world.departments[holder].securityCapability);
    if (this.random.uniform(this.keys.leak, tick, ordinal) >= chance) return;
    this.leaks++;
    const accountability = scenario.policies.accountability;
    if (this.random.uniform(this.keys.detect, tick, ordinal) >= accountability.detectionRate) {
      this.notable.leak({ owner, holder, dataset, detected: false, identified: false, ownerPenalty: 0, holderPenalty: 0 });
      return;
    }
    this.detectedLeaks++;
    this.detectedByOwner[owner]++;
    const identified = this.random.uniform(this.keys.identify, tick, ordinal) < rules.view.attribution;
    if (identified) {
      this.attributedLeaks++;
      this.identifiedLeaks.push(owner, holder);
    }
    const penalty = accountability.leakPenalty * (this.world.datasets[dataset].personal ? 1 : scenario.leaks.nonPersonalPenaltyWeight);
    const blame = allocateBlame(accountability.liabilityRegime, identified);
    this.penalise(owner, blame.owner * penalty);
    this.penalise(holder, blame.holder * penalty);
    this.notable.leak({ owner, holder, dataset, detected: true, identified, ownerPenalty: blame.owner * penalty, holderPenalty: blame.holder * penalty });
  }

  private penalise(department: number, amount: number): void {
    if (amount === 0) return;
    this.tickPenalty[department] += amount;
    this.penaltiesTotal += amount;
  }

  /** Requests 2k and 2k+1 are a pair asking each other: each owner's action meets the partner's. */
  private playGame(batch: RequestBatch, i: number, game: { shareShare: number; shareRefuse: number; refuseShare: number; refuseRefuse: number }, rounds: number): void {
    const a = batch.owner[i];
    const b = batch.owner[i - 1];
    const aShares = batch.decision[i] !== DECISION.refused && batch.decision[i] !== DECISION.denied;
    const bShares = batch.decision[i - 1] !== DECISION.refused && batch.decision[i - 1] !== DECISION.denied;
    const payoff = (self: boolean, other: boolean) => (self ? (other ? game.shareShare : game.shareRefuse) : other ? game.refuseShare : game.refuseRefuse);
    this.payoff[a] += payoff(aShares, bShares) / rounds;
    this.payoff[b] += payoff(bShares, aShares) / rounds;
  }

  private trackApplication(batch: RequestBatch, i: number, usable: boolean): void {
    const application = batch.application[i];
    if (application !== this.currentApplication) {
      this.endApplication();
      this.currentApplication = application;
      this.currentComplete = true;
      this.currentGroup = this.groupOfServiceRegion[batch.purpose[i] * this.regions + this.world.departments[batch.requester[i]].region];
    }
    if (!usable) this.currentComplete = false;
  }

  private endApplication(): void {
    if (this.currentApplication < 0) return;
    this.applications++;
    this.applicationsByGroup[this.currentGroup]++;
    if (this.currentComplete) this.completedByGroup[this.currentGroup]++;
    this.currentApplication = -1;
  }
}
