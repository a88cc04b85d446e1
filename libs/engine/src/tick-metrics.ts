// The metrics of one tick (DESIGN.md §3), computed from the closed tick and the sliding window.
import { REASONS, REFUSAL_CATEGORIES, type Scenario, type World } from '@silolab/model';
import { buildSharingNetwork, componentMetrics, eiIndex, modularityMetrics, rate, siloIndex, socialQuality, strongestTies, type TieColumns } from '@silolab/metrics';
import type { ExchangeRules } from './exchange-rules';
import type { KeyedRandom } from './random/keyed-random';
import type { SimulationState } from './simulation-state';
import type { AgreementCounts } from './tick-end';
import type { TickAccumulator } from './tick-accumulator';
import { citizenGroupsOf } from './world.builder';

/** One tick's metrics: flat camelCase keys (dotted for groups), numbers only, the same keys every tick of a run. */
export type TickMetrics = Record<string, number>;

const camel = (code: string) => code.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const HUB_REASONS = REASONS.filter((r) => r !== 'ok' && !['unwilling', 'unable', 'afraid', 'transfer_failed'].includes(r));

/** Sliding-window totals for the silo index and leak pressure. */
export class MetricsWindow {
  private readonly columns: Float64Array[];
  private readonly totals = new Float64Array(6);
  private filled = 0;
  private cursor = 0;

  constructor(readonly size: number) {
    this.columns = Array.from({ length: size }, () => new Float64Array(6));
  }

  /** Adds a tick's (cross requests, cross delivered, within requests, within delivered, detected leaks, deliveries). */
  push(values: number[]): void {
    const slot = this.columns[this.cursor];
    for (let k = 0; k < 6; k++) {
      if (this.filled === this.size) this.totals[k] -= slot[k];
      slot[k] = values[k];
      this.totals[k] += values[k];
    }
    this.cursor = (this.cursor + 1) % this.size;
    if (this.filled < this.size) this.filled++;
  }

  total(k: number): number {
    return this.totals[k];
  }
}

/** Network metrics are expensive on large populations; they may be computed every N ticks and carried forward. */
export interface NetworkMetrics {
  components: number;
  giantComponentFraction: number;
  modularity: number;
  communities: number;
  crossSystemShare: number;
  networkEdges: number;
  communityOf: Int32Array;
  /** Each department's {@link TIES_PER_DEPARTMENT} strongest window ties (for pictures of the network). */
  ties: TieColumns;
}

/** Ties per department that a tick reports: enough to see who a department works with, bounded at n · 3 ties. */
export const TIES_PER_DEPARTMENT = 3;

/**
 * Computes the window network's metrics with graphology (components, Louvain with a keyed rng, E–I index). The
 * network is built from the relationship store's window ties — pairs that exchanged — so its cost is O(n + ties).
 */
export function networkMetrics(world: World, state: SimulationState, window: number, random: KeyedRandom, tick: number): NetworkMetrics {
  const n = world.departments.length;
  // A tie exists when data flowed either way inside the window; its weight is the decayed flow both ways.
  const graph = buildSharingNetwork(n, state.relationships.windowTies(Math.max(0, tick - window + 1)));
  const systemOf = Int32Array.from(world.departments, (d) => d.system);
  const components = componentMetrics(graph);
  const communities = modularityMetrics(graph, random.sequence(random.key('louvain'), tick));
  return { ...components, modularity: communities.modularity, communities: communities.communities, crossSystemShare: eiIndex(graph, systemOf), networkEdges: graph.size, communityOf: communities.communityOf, ties: strongestTies(graph, TIES_PER_DEPARTMENT) };
}

/** Mean trust over ordered pairs of distinct departments: overall, within systems and across systems. */
function meanTrust(state: SimulationState): { all: number; within: number; across: number } {
  const { within, withinPairs, across, acrossPairs } = state.relationships.trustSums();
  return { all: rate(within + across, withinPairs + acrossPairs), within: rate(within, withinPairs), across: rate(across, acrossPairs) };
}

/**
 * The names of a tick's metrics in row order, for a run with these citizen groups (`world.citizenGroups`) and, when
 * `imitation`, the share of departments playing the share strategy. `tickMetrics` fills exactly these keys in this
 * order, so a sweep learns its columns without running a tick.
 */
export function tickMetricKeys(citizenGroups: readonly string[], imitation: boolean): string[] {
  return [
    ...['tick', 'requests', 'allowed', 'denied', 'shared', 'refused', 'failedTransfers', 'sharingRate'],
    ...HUB_REASONS.map((reason) => `denied.${camel(reason)}`),
    ...REFUSAL_CATEGORIES.map((category) => `refusals.${category}`),
    ...REFUSAL_CATEGORIES.map((category) => `blocked.${category}`),
    ...['minimised', 'lowQualityDeliveries', 'applications', 'serviceCompletion'],
    ...citizenGroups.map((group) => `serviceCompletion.${group}`),
    ...['crossSystemSharingRate', 'withinSystemSharingRate', 'siloIndex', 'components', 'giantComponentFraction', 'modularity', 'communities', 'crossSystemShare', 'networkEdges'],
    ...['meanTrust', 'meanTrustWithin', 'meanTrustAcross', 'meanPerceivedRisk', 'leaks', 'leaksDetected', 'attributedLeaks', 'penalties', 'auditedRefusals', 'pointsPaid'],
    ...['agreementApplications', 'agreementsGranted', 'agreementsRefused', 'deadlineBreaches', 'escalations', 'pendingAgreements'],
    ...(imitation ? ['strategyShare'] : []),
    ...['socialQuality.security', 'socialQuality.cohesion', 'socialQuality.trust', 'socialQuality.empowerment'],
  ];
}

/** The metric names of a run of `scenario` (as its first tick reports them), without building its world. */
export function runMetricKeys(scenario: Scenario): string[] {
  return tickMetricKeys(citizenGroupsOf(scenario), scenario.behaviour.model === 'imitation');
}

/** Assembles the tick's metrics (the keys of {@link tickMetricKeys}, in its order). */
export function tickMetrics(
  tick: number,
  world: World,
  state: SimulationState,
  accumulator: TickAccumulator,
  agreements: AgreementCounts,
  window: MetricsWindow,
  network: NetworkMetrics,
  rules: ExchangeRules,
  humanPlayedShare: number | null,
): TickMetrics {
  const a = accumulator;
  const m: TickMetrics = { tick, requests: a.requests, allowed: a.requests - a.byDecision[2], denied: a.byDecision[2], shared: a.byDecision[0], refused: a.byDecision[1], failedTransfers: a.byDecision[3] };
  m.sharingRate = rate(a.byDecision[0], a.requests);
  for (const reason of HUB_REASONS) m[`denied.${camel(reason)}`] = a.byReason[REASONS.indexOf(reason)];
  REFUSAL_CATEGORIES.forEach((category, k) => (m[`refusals.${category}`] = a.refusals[k]));
  REFUSAL_CATEGORIES.forEach((category, k) => (m[`blocked.${category}`] = a.blocked[k]));
  m.minimised = a.minimised;
  m.lowQualityDeliveries = a.lowQuality;
  m.applications = a.applications;
  m.serviceCompletion = rate(a.completedByGroup.reduce((x, y) => x + y, 0), a.applications);
  const completionByGroup: number[] = [];
  world.citizenGroups.forEach((group, g) => {
    const value = rate(a.completedByGroup[g], a.applicationsByGroup[g]);
    m[`serviceCompletion.${group}`] = value;
    if (a.applicationsByGroup[g] > 0) completionByGroup.push(value);
  });
  const crossRate = rate(window.total(1), window.total(0));
  const withinRate = rate(window.total(3), window.total(2));
  m.crossSystemSharingRate = crossRate;
  m.withinSystemSharingRate = withinRate;
  m.siloIndex = siloIndex(crossRate, withinRate);
  m.components = network.components;
  m.giantComponentFraction = network.giantComponentFraction;
  m.modularity = network.modularity;
  m.communities = network.communities;
  m.crossSystemShare = network.crossSystemShare;
  m.networkEdges = network.networkEdges;
  const trust = meanTrust(state);
  m.meanTrust = trust.all;
  m.meanTrustWithin = trust.within;
  m.meanTrustAcross = trust.across;
  m.meanPerceivedRisk = rate(state.perceivedRisk.reduce((x, y) => x + y, 0), state.perceivedRisk.length);
  m.leaks = a.leaks;
  m.leaksDetected = a.detectedLeaks;
  m.attributedLeaks = a.attributedLeaks;
  m.penalties = a.penaltiesTotal;
  m.auditedRefusals = a.auditedRefusals;
  m.pointsPaid = a.pointsPaid;
  m.agreementApplications = agreements.applications;
  m.agreementsGranted = agreements.granted;
  m.agreementsRefused = agreements.refused;
  m.deadlineBreaches = agreements.breaches;
  m.escalations = agreements.escalations;
  m.pendingAgreements = agreements.pending;
  if (rules.scenario.behaviour.model === 'imitation') m.strategyShare = rate(state.strategy.reduce((x, y) => x + y, 0), state.strategy.length);
  const quality = socialQuality({
    completionByGroup,
    siloIndex: m.siloIndex,
    giantComponentFraction: m.giantComponentFraction,
    meanTrust: m.meanTrust,
    detectedLeaksPerDepartment: window.total(4) / Math.max(1, world.departments.length),
    openDataShare: rules.view.openDataShare,
    humanPlayedShare,
  });
  m['socialQuality.security'] = quality.security;
  m['socialQuality.cohesion'] = quality.cohesion;
  m['socialQuality.trust'] = quality.trust;
  m['socialQuality.empowerment'] = quality.empowerment;
  return m;
}
