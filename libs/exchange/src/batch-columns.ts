// tick.batch.v2 out and in: a parcel's rows packed as columns of name indices, and columns read back into rows.
import * as model from '@silolab/model';
import type { TickBatchV2Body, TickBatchV2Decisions, TickBatchV2Outcomes, TickBatchV2Requests } from '@silolab/protocol';
import { NO_SERVICE_PURPOSE, reasonCode, type ExchangeWire, type WireRejection } from './exchange-wire';
import type { DecisionRows, ParcelRows, RequestRows } from './exchange-rows';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { DECISIONS, REASONS } = model;

/**
 * Readable ids, each once, in order of first use. A slot map per kind of entity holds each entity's place in
 * `names` (−1 until used): `slots[i] >= 0 ? slots[i] : table.add(slots, i, name)` names an entity once.
 */
class NameTable {
  readonly names: string[] = [];

  /** A slot map for `count` entities (indices 0..count−1). */
  slots(count: number): Int32Array {
    return new Int32Array(count).fill(-1);
  }

  /** Adds `name` as entity `index`'s and returns its place. */
  add(slots: Int32Array, index: number, name: string): number {
    slots[index] = this.names.length;
    this.names.push(name);
    return slots[index];
  }
}

/**
 * The `tick.batch.v2` bodies of a parcel: one body per kind present (requests, decisions, outcomes), rows in the
 * parcel's order, so a redelivery packs identical batches. `ordinal` and `application` columns are the rows' own.
 */
export function parcelColumns(parcel: ParcelRows, wire: ExchangeWire): TickBatchV2Body[] {
  const bodies: TickBatchV2Body[] = [];
  const { requests, decisions, outcomes } = parcel;
  if (requests.length > 0) bodies.push(requestColumns(requests, wire));
  if (decisions.length > 0) {
    const table = new NameTable();
    const verdicts = table.slots(2);
    const reasons = table.slots(REASONS.length);
    const decision = new Array<number>(decisions.length);
    const reason = new Array<number>(decisions.length);
    for (let k = 0; k < decisions.length; k++) {
      const share = decisions.share[k];
      decision[k] = verdicts[share] >= 0 ? verdicts[share] : table.add(verdicts, share, share === 1 ? 'share' : 'refuse');
      const code = decisions.reason[k];
      reason[k] = share === 1 || code < 0 ? -1 : reasons[code] >= 0 ? reasons[code] : table.add(reasons, code, REASONS[code]);
    }
    bodies.push({ kind: 'decision', names: table.names, ordinal: decisions.ordinal, decision, reason });
  }
  if (outcomes.length > 0) {
    const table = new NameTable();
    const verdicts = table.slots(DECISIONS.length);
    const reasons = table.slots(REASONS.length);
    const decision = new Array<number>(outcomes.length);
    const reason = new Array<number>(outcomes.length);
    for (let k = 0; k < outcomes.length; k++) {
      const d = outcomes.decision[k];
      const r = outcomes.reason[k];
      decision[k] = verdicts[d] >= 0 ? verdicts[d] : table.add(verdicts, d, DECISIONS[d]);
      reason[k] = reasons[r] >= 0 ? reasons[r] : table.add(reasons, r, REASONS[r]);
    }
    bodies.push({ kind: 'outcome', names: table.names, ordinal: outcomes.ordinal, decision, reason });
  }
  return bodies;
}

/** The request columns of `requests` (names of its departments, datasets and purposes, each once). */
export function requestColumns(requests: RequestRows, wire: ExchangeWire): TickBatchV2Requests {
  const { departments, datasets, services } = wire.world;
  const table = new NameTable();
  const departmentSlots = table.slots(departments.length);
  const datasetSlots = table.slots(datasets.length);
  const serviceSlots = table.slots(services.length + 1);
  const n = requests.length;
  const requester = new Array<number>(n);
  const owner = new Array<number>(n);
  const dataset = new Array<number>(n);
  const purpose = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const r = requests.requester[k];
    const o = requests.owner[k];
    const d = requests.dataset[k];
    const p = requests.purpose[k];
    requester[k] = departmentSlots[r] >= 0 ? departmentSlots[r] : table.add(departmentSlots, r, departments[r].id);
    owner[k] = departmentSlots[o] >= 0 ? departmentSlots[o] : table.add(departmentSlots, o, departments[o].id);
    dataset[k] = datasetSlots[d] >= 0 ? datasetSlots[d] : table.add(datasetSlots, d, datasets[d].id);
    purpose[k] = serviceSlots[p + 1] >= 0 ? serviceSlots[p + 1] : table.add(serviceSlots, p + 1, wire.purposeName(p));
  }
  return { kind: 'request', names: table.names, ordinal: requests.ordinal, requester, owner, dataset, purpose, application: requests.application };
}

/**
 * Decodes the request columns of a `tick.batch.v2` of `tick` into `rows`: each distinct name is looked up once; a
 * row whose names this run does not have is `unknown_entity`, one whose dataset another department owns
 * `inconsistent_request`. `taken`, when given, receives the column index k of each row pushed.
 */
export function decodeRequestColumns(columns: Omit<TickBatchV2Requests, 'kind'>, tick: number, wire: ExchangeWire, rows: RequestRows, rejected: WireRejection[], taken?: number[]): void {
  const lookup = (index: Map<string, number>) => columns.names.map((name) => index.get(name) ?? -2);
  const departments = lookup(wire.departmentIndex);
  const datasets = lookup(wire.datasetIndex);
  const services = columns.names.map((name) => (name === NO_SERVICE_PURPOSE ? -1 : (wire.serviceIndex.get(name) ?? -2)));
  const datasetOwner = wire.world.datasets;
  for (let k = 0; k < columns.ordinal.length; k++) {
    const ordinal = columns.ordinal[k];
    const requester = departments[columns.requester[k]];
    const owner = departments[columns.owner[k]];
    const dataset = datasets[columns.dataset[k]];
    const purpose = services[columns.purpose[k]];
    const application = columns.application[k];
    if (requester < 0 || owner < 0 || dataset < 0 || purpose < -1 || application > 0x7fffffff) {
      rejected.push({ requestId: `#${ordinal}`, code: 'unknown_entity', detail: `request #${ordinal} of tick ${tick}: names a department, dataset, service or application this run does not have` });
    } else if (datasetOwner[dataset].owner !== owner) {
      rejected.push({ requestId: `#${ordinal}`, code: 'inconsistent_request', detail: `request #${ordinal} of tick ${tick}: dataset ${columns.names[columns.dataset[k]]} is not owned by ${columns.names[columns.owner[k]]}` });
    } else {
      rows.push(ordinal, requester, owner, dataset, purpose, application);
      taken?.push(k);
    }
  }
}

/** Decodes the decision columns of a `tick.batch.v2` into `rows`; a decision other than share/refuse is `inconsistent_request`. */
export function decodeDecisionColumns(columns: TickBatchV2Decisions, tick: number, rows: DecisionRows, rejected: WireRejection[]): void {
  const share = columns.names.map((name) => (name === 'share' ? 1 : name === 'refuse' ? 0 : -1));
  const reasons = columns.names.map((name) => reasonCode(name));
  for (let k = 0; k < columns.ordinal.length; k++) {
    const ordinal = columns.ordinal[k];
    const verdict = share[columns.decision[k]];
    if (verdict < 0) {
      rejected.push({ requestId: `#${ordinal}`, code: 'inconsistent_request', detail: `decision for #${ordinal} of tick ${tick}: decision: expected share or refuse, got ${JSON.stringify(columns.names[columns.decision[k]])}` });
    } else {
      rows.push(ordinal, -1, -1, -1, verdict, columns.reason[k] < 0 ? -1 : reasons[columns.reason[k]]);
    }
  }
}

/** Calls `take` with each outcome of an outcome batch: ordinal, DECISION and REASON codes (−1 for a name the model does not know). */
export function forEachOutcome(columns: TickBatchV2Outcomes, take: (ordinal: number, decision: number, reason: number) => void): void {
  const decisionOf = columns.names.map((name) => (DECISIONS as readonly string[]).indexOf(name));
  const reasonOf = columns.names.map((name) => (REASONS as readonly string[]).indexOf(name));
  for (let k = 0; k < columns.ordinal.length; k++) take(columns.ordinal[k], decisionOf[columns.decision[k]], reasonOf[columns.reason[k]]);
}
