// exchange.*.v1 out and in: a parcel's rows as one message per exchange, and message bodies read back into rows.
import { requestIdOf } from '@silolab/engine';
import * as model from '@silolab/model';
import type { ExchangeDecisionV1Body, ExchangeRequestV1Body, TickBatchV1Item } from '@silolab/protocol';
import type { DecisionRows, ParcelRows, RequestRows } from './exchange-rows';
import { decisionBody, isRejection, NO_SERVICE_PURPOSE, outcomeBody, reasonCode, type ExchangeWire, type WireRejection } from './exchange-wire';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { REASONS } = model;

/** A parcel as `exchange.*.v1` messages of `tick`: requests, then decisions, then outcomes. */
export function parcelMessages(parcel: ParcelRows, wire: ExchangeWire, tick: number): TickBatchV1Item[] {
  const items: TickBatchV1Item[] = [];
  const { requests, decisions, outcomes } = parcel;
  for (let k = 0; k < requests.length; k++) {
    items.push({ type: 'exchange.request.v1', body: wire.requestBody(tick, requests.ordinal[k], requests.requester[k], requests.owner[k], requests.dataset[k], requests.purpose[k], requests.application[k]) });
  }
  for (let k = 0; k < decisions.length; k++) {
    const requestId = requestIdOf(tick, decisions.application[k], decisions.requester[k], decisions.dataset[k]);
    items.push({ type: 'exchange.decision.v1', body: decisionBody(requestId, decisions.share[k], decisions.reason[k]) });
  }
  for (let k = 0; k < outcomes.length; k++) {
    items.push({ type: 'exchange.outcome.v1', body: outcomeBody(requestIdOf(tick, outcomes.application[k], outcomes.requester[k], outcomes.dataset[k]), outcomes.decision[k], outcomes.reason[k]) });
  }
  return items;
}

/** One request as its fields, world indices of the tick (what a message delivered alone carries). */
export interface RequestRow {
  ordinal: number;
  requester: number;
  owner: number;
  dataset: number;
  /** Service index, or −1 for demand without a service. */
  purpose: number;
  application: number;
}

/**
 * Decodes one `exchange.request.v1` body of `tick`: a body naming what this run does not have is `unknown_entity`,
 * one whose fields disagree with its content-derived id or whose dataset another department owns
 * `inconsistent_request` (rejected rather than judged).
 */
export function decodeRequestBody(body: ExchangeRequestV1Body, tick: number, wire: ExchangeWire): RequestRow | WireRejection {
  const requester = wire.departmentIndex.get(body.requester);
  const owner = wire.departmentIndex.get(body.owner);
  const dataset = wire.datasetIndex.get(body.dataset);
  const purpose = body.purpose === NO_SERVICE_PURPOSE ? -1 : wire.serviceIndex.get(body.purpose);
  const application = /^(0|[1-9][0-9]{0,9})$/.test(body.application) ? Number(body.application) : undefined;
  if (requester === undefined || owner === undefined || dataset === undefined || purpose === undefined || application === undefined || application > 0x7fffffff) {
    return { requestId: body.requestId, code: 'unknown_entity', detail: `request ${body.requestId}: names a department, dataset, service or application this run does not have` };
  }
  const expectedId = requestIdOf(tick, application, requester, dataset);
  if (wire.world.datasets[dataset].owner !== owner || expectedId !== body.requestId || body.ordinal < 0) {
    return { requestId: body.requestId, code: 'inconsistent_request', detail: `request ${body.requestId}: fields do not match the id (expected ${expectedId}) or the dataset's owner` };
  }
  return { ordinal: body.ordinal, requester, owner, dataset, purpose, application };
}

/**
 * Decodes `exchange.request.v1` bodies of `tick` into `rows` (see {@link decodeRequestBody}), what it refuses into
 * `rejected`. `taken`, when given, receives the index of each body pushed.
 */
export function decodeRequestBodies(bodies: readonly ExchangeRequestV1Body[], tick: number, wire: ExchangeWire, rows: RequestRows, rejected: WireRejection[], taken?: number[]): void {
  for (let b = 0; b < bodies.length; b++) {
    const row = decodeRequestBody(bodies[b], tick, wire);
    if (isRejection(row)) {
      rejected.push(row);
      continue;
    }
    rows.push(row.ordinal, row.requester, row.owner, row.dataset, row.purpose, row.application);
    taken?.push(b);
  }
}

/** A decision's fields: the ordinal of its request, `share` 1 or 0, and the refusal's REASON code (see DecisionRows). */
export interface DecisionRow {
  ordinal: number;
  share: number;
  reason: number;
}

/** Where a decision's request id is looked up: the hub's book (`HubDesk`), by tick. */
export interface RequestBook {
  ordinalOf(tick: number, requestId: string): number | undefined;
}

/** Decodes one `exchange.decision.v1` body of `tick`; `book` names the ordinal of its request id. */
export function decodeDecisionBody(body: ExchangeDecisionV1Body, tick: number, book: RequestBook): DecisionRow | WireRejection {
  const ordinal = book.ordinalOf(tick, body.requestId);
  if (ordinal === undefined) return { requestId: body.requestId, code: 'unknown_request', detail: `decision for ${body.requestId}: the hub has no such request in tick ${tick}` };
  return { ordinal, share: body.decision === 'share' ? 1 : 0, reason: reasonCode(body.reason) };
}

/** Decodes `exchange.decision.v1` bodies into `rows` (see {@link decodeDecisionBody}), what it refuses into `rejected`. */
export function decodeDecisionBodies(bodies: readonly ExchangeDecisionV1Body[], tick: number, book: RequestBook, rows: DecisionRows, rejected: WireRejection[]): void {
  for (const body of bodies) {
    const row = decodeDecisionBody(body, tick, book);
    if (isRejection(row)) rejected.push(row);
    else rows.push(row.ordinal, -1, -1, -1, row.share, row.reason);
  }
}
