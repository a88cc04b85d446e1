// exchange.*.v1 out and in: a parcel's rows as one message per exchange, and message bodies read back into rows.
import { requestIdOf } from '@silolab/engine';
import * as model from '@silolab/model';
import type { ExchangeDecisionV1Body, ExchangeRequestV1Body, TickBatchV1Item } from '@silolab/protocol';
import type { DecisionRows, ParcelRows, RequestRows } from './exchange-rows';
import { NO_SERVICE_PURPOSE, outcomeBody, reasonCode, type ExchangeWire, type WireRejection } from './exchange-wire';

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
    const share = decisions.share[k] === 1;
    const requestId = requestIdOf(tick, decisions.application[k], decisions.requester[k], decisions.dataset[k]);
    const body: ExchangeDecisionV1Body = { requestId, decision: share ? 'share' : 'refuse', reason: share ? null : REASONS[decisions.reason[k]] };
    items.push({ type: 'exchange.decision.v1', body });
  }
  for (let k = 0; k < outcomes.length; k++) {
    items.push({ type: 'exchange.outcome.v1', body: outcomeBody(requestIdOf(tick, outcomes.application[k], outcomes.requester[k], outcomes.dataset[k]), outcomes.decision[k], outcomes.reason[k]) });
  }
  return items;
}

/**
 * Decodes `exchange.request.v1` bodies of `tick` into `rows`; a body naming what this run does not have is
 * `unknown_entity`, one whose fields disagree with its content-derived id or whose dataset another department owns
 * `inconsistent_request` (rejected rather than judged). `taken`, when given, receives the index of each body pushed.
 */
export function decodeRequestBodies(bodies: readonly ExchangeRequestV1Body[], tick: number, wire: ExchangeWire, rows: RequestRows, rejected: WireRejection[], taken?: number[]): void {
  for (let b = 0; b < bodies.length; b++) {
    const body = bodies[b];
    const requester = wire.departmentIndex.get(body.requester);
    const owner = wire.departmentIndex.get(body.owner);
    const dataset = wire.datasetIndex.get(body.dataset);
    const purpose = body.purpose === NO_SERVICE_PURPOSE ? -1 : wire.serviceIndex.get(body.purpose);
    const application = /^(0|[1-9][0-9]{0,9})$/.test(body.application) ? Number(body.application) : undefined;
    if (requester === undefined || owner === undefined || dataset === undefined || purpose === undefined || application === undefined || application > 0x7fffffff) {
      rejected.push({ requestId: body.requestId, code: 'unknown_entity', detail: `request ${body.requestId}: names a department, dataset, service or application this run does not have` });
      continue;
    }
    const expectedId = requestIdOf(tick, application, requester, dataset);
    if (wire.world.datasets[dataset].owner !== owner || expectedId !== body.requestId || body.ordinal < 0) {
      rejected.push({ requestId: body.requestId, code: 'inconsistent_request', detail: `request ${body.requestId}: fields do not match the id (expected ${expectedId}) or the dataset's owner` });
      continue;
    }
    rows.push(body.ordinal, requester, owner, dataset, purpose, application);
    taken?.push(b);
  }
}

/** Decodes `exchange.decision.v1` bodies into `rows`; `ordinalOf` names the ordinal of a request id (the hub's book). */
export function decodeDecisionBodies(bodies: readonly ExchangeDecisionV1Body[], tick: number, ordinalOf: (requestId: string) => number | undefined, rows: DecisionRows, rejected: WireRejection[]): void {
  for (const body of bodies) {
    const ordinal = ordinalOf(body.requestId);
    if (ordinal === undefined) {
      rejected.push({ requestId: body.requestId, code: 'unknown_request', detail: `decision for ${body.requestId}: the hub has no such request in tick ${tick}` });
      continue;
    }
    rows.push(ordinal, -1, -1, -1, body.decision === 'share' ? 1 : 0, reasonCode(body.reason));
  }
}
