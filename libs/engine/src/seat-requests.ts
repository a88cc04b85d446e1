// Seats: departments whose owner decisions people take (workshop mode). The requests a tick addresses to them, with
// what a person needs to decide, and the check that turns people's decisions into the run's owner decisions.
import { REASON, ScenarioError, type Dataset, type HumanDecision, type InputIssue, type LiabilityRegime, type World } from '@silolab/model';
import type { DemandCursor } from './demand';
import type { ExchangeRules } from './exchange-rules';
import { RequestBatch } from './request-batch';

/** A request addressed to a seated department and allowed by the hub, as the person playing the owner sees it. */
export interface SeatRequest {
  /** The content-derived request id (stable: the same scenario, seed and decisions give the same ids). */
  id: string;
  tick: number;
  /** The owner: the seated department's id. */
  seat: string;
  requester: string;
  requesterSystem: string;
  requesterRegion: string;
  dataset: string;
  shareType: Dataset['shareType'];
  personal: boolean;
  /** The service the data is for, or `exchange` for demand without a service. */
  purpose: string;
  /** Points (积分) the owner earns for sharing. */
  pointsOnOffer: number;
  liabilityRegime: LiabilityRegime;
  /** True when the dataset is on a legacy schema the requester's system does not read (sharing costs more effort). */
  needsMapping: boolean;
  /** The owner's perceived leak risk ρ (the fear behind 不敢) and points so far, at the start of the tick. */
  perceivedRisk: number;
  points: number;
}

/** A seat request and its ordinal in the tick's canonical enumeration. */
export interface OpenRequest {
  ordinal: number;
  request: SeatRequest;
}

/** A decision with where it came from, for error messages (`decisions[3]` of a file, `decision 0` of a call). */
export interface PlacedDecision {
  decision: HumanDecision;
  where: string;
}

/** Lists the tick's requests to the given departments (indices) that the hub allows, in canonical order. */
export function listSeatRequests(tick: number, seats: ReadonlySet<number>, world: World, rules: ExchangeRules, demand: DemandCursor, batch: RequestBatch): OpenRequest[] {
  const found: OpenRequest[] = [];
  if (seats.size === 0) return found;
  const { pointsPerShare } = rules.scenario.policies.incentives;
  const { liabilityRegime } = rules.scenario.policies.accountability;
  demand.reset(tick);
  let ordinal = 0;
  let more = true;
  while (more) {
    batch.length = 0;
    batch.firstOrdinal = ordinal;
    more = demand.fill(batch);
    if (batch.length === 0 && more) throw new RangeError(`tick ${tick}: an application needs more requests than the batch holds (${batch.capacity})`);
    for (let i = 0; i < batch.length; i++) {
      const owner = batch.owner[i];
      if (!seats.has(owner) || rules.hubCheck(batch, i) !== REASON.ok) continue;
      const requester = world.departments[batch.requester[i]];
      const dataset = world.datasets[batch.dataset[i]];
      found.push({
        ordinal: ordinal + i,
        request: {
          id: batch.requestId(tick, i),
          tick,
          seat: world.departments[owner].id,
          requester: requester.id,
          requesterSystem: world.systems[requester.system],
          requesterRegion: world.regions[requester.region],
          dataset: dataset.id,
          shareType: dataset.shareType,
          personal: dataset.personal,
          purpose: batch.purpose[i] >= 0 ? world.services[batch.purpose[i]].id : 'exchange',
          pointsOnOffer: pointsPerShare,
          liabilityRegime,
          needsMapping: rules.mismatch(owner, requester.index, dataset.index),
          perceivedRisk: rules.state.perceivedRisk[owner],
          points: rules.state.points[owner],
        },
      });
    }
    ordinal += batch.length;
  }
  return found;
}

/**
 * Checks a tick's decisions and returns the owner decision of each decided request by ordinal (REASON.ok to share,
 * or the refusal's reason code). Every decision must be for this tick, by a department of the run, on a request to
 * that department that the hub allows, and no request may be decided twice; otherwise a ScenarioError lists each
 * offending decision and nothing is applied.
 */
export function ownerDecisionsOf(tick: number, given: readonly PlacedDecision[], departmentIndex: ReadonlyMap<string, number>, list: (seats: ReadonlySet<number>) => OpenRequest[]): Map<number, number> {
  const issues: InputIssue[] = [];
  const seats = new Set<number>();
  for (const { decision, where } of given) {
    const seat = departmentIndex.get(decision.seat);
    if (decision.tick !== tick) issues.push({ path: `${where}.tick`, message: `is ${decision.tick}, but the run is at tick ${tick}` });
    else if (seat === undefined) issues.push({ path: `${where}.seat`, message: `no department ${JSON.stringify(decision.seat)} in this run` });
    else seats.add(seat);
  }
  const open = new Map<string, number>();
  for (const { ordinal, request } of list(seats)) open.set(`${request.seat} ${request.id}`, ordinal);
  const outcomes = new Map<number, number>();
  for (const { decision, where } of given) {
    if (decision.tick !== tick || !departmentIndex.has(decision.seat)) continue;
    const ordinal = open.get(`${decision.seat} ${decision.request}`);
    if (ordinal === undefined) issues.push({ path: `${where}.request`, message: `${JSON.stringify(decision.request)} is not a request to ${decision.seat} that the hub allows at tick ${tick}` });
    else if (outcomes.has(ordinal)) issues.push({ path: `${where}.request`, message: `${decision.request} is decided twice` });
    else outcomes.set(ordinal, decision.decision === 'share' ? REASON.ok : REASON[decision.reason]);
  }
  if (issues.length > 0) throw new ScenarioError(`tick ${tick} decisions`, issues);
  return outcomes;
}
