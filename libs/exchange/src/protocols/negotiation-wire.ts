// contract.negotiation.v1 out and in: negotiation rows as one message per step, or as `negotiation` columns of a
// tick.batch.v2, and both read back into rows.
import { requestIdOf } from '@silolab/engine';
import * as model from '@silolab/model';
import { NEGOTIATION_STATES, type ContractNegotiationV1Body, type TickBatchV2Negotiations } from '@silolab/protocol';
import { decodeRequestColumns, requestColumns } from '../batch-columns';
import { reasonCode, type ExchangeWire, type WireRejection } from '../exchange-wire';
import { RequestRows, type NegotiationRows } from '../exchange-rows';
import { decodeRequestBodies } from '../v1-messages';

const { DECISIONS, REASONS } = model;

/** Rows as `contract.negotiation.v1` bodies of `tick`, in row order. */
export function negotiationBodies(rows: NegotiationRows, wire: ExchangeWire, tick: number): ContractNegotiationV1Body[] {
  const bodies: ContractNegotiationV1Body[] = [];
  for (let k = 0; k < rows.length; k++) {
    bodies.push({
      ...wire.requestBody(tick, rows.ordinal[k], rows.requester[k], rows.owner[k], rows.dataset[k], rows.purpose[k], rows.application[k]),
      state: NEGOTIATION_STATES[rows.state[k]],
      decision: rows.decision[k] < 0 ? null : DECISIONS[rows.decision[k]],
      reason: rows.reason[k] < 0 ? null : REASONS[rows.reason[k]],
      replyDue: rows.replyDue[k] < 0 ? null : rows.replyDue[k],
      escalated: rows.escalated[k] === 1,
    });
  }
  return bodies;
}

/** Rows as the `negotiation` columns of one tick.batch.v2: the request columns, then states and outcomes named once each. */
export function negotiationColumns(rows: NegotiationRows, wire: ExchangeWire): TickBatchV2Negotiations {
  const { kind: _request, names, ...request } = requestColumns(rows, wire);
  const slots = new Map<string, number>();
  const nameOf = (name: string) => {
    let slot = slots.get(name);
    if (slot === undefined) slots.set(name, (slot = names.push(name) - 1));
    return slot;
  };
  const named = (codes: number[], table: readonly string[]) => codes.map((code) => (code < 0 ? -1 : nameOf(table[code])));
  return {
    kind: 'negotiation',
    names,
    ...request,
    state: named(rows.state, NEGOTIATION_STATES),
    decision: named(rows.decision, DECISIONS),
    reason: named(rows.reason, REASONS),
    replyDue: rows.replyDue,
    escalated: rows.escalated,
  };
}

/** The outcome's codes of a step, or a rejection when a terminal step lacks a known outcome or an open one has one. */
function outcomeOf(requestId: string, state: number, decision: string | null, reason: string | null): [number, number] | WireRejection {
  const terminal = NEGOTIATION_STATES[state] === 'FINALIZED' || NEGOTIATION_STATES[state] === 'TERMINATED';
  const decisionCode = decision === null ? -1 : (DECISIONS as readonly string[]).indexOf(decision);
  const reasonValue = reasonCode(reason);
  if (terminal ? decisionCode < 0 || reasonValue < 0 : decision !== null || reason !== null) {
    const expected = terminal ? 'a known decision and reason' : 'no decision or reason before the negotiation ends';
    return { requestId, code: 'inconsistent_request', detail: `negotiation step ${NEGOTIATION_STATES[state]} for ${requestId}: expected ${expected}, got ${decision}/${reason}` };
  }
  return [decisionCode, reasonValue];
}

/** Decodes `contract.negotiation.v1` bodies of `tick` into `rows` (requests checked as `exchange.request.v1`'s are). */
export function decodeNegotiationBodies(bodies: readonly ContractNegotiationV1Body[], tick: number, wire: ExchangeWire, rows: NegotiationRows, rejected: WireRejection[]): void {
  const taken: number[] = [];
  const requests = new RequestRows();
  decodeRequestBodies(bodies, tick, wire, requests, rejected, taken);
  taken.forEach((b, k) => {
    const body = bodies[b];
    const state = NEGOTIATION_STATES.indexOf(body.state);
    const outcome = outcomeOf(body.requestId, state, body.decision, body.reason);
    if (!Array.isArray(outcome)) rejected.push(outcome);
    else rows.pushStep(requests, k, state, outcome[0], outcome[1], body.replyDue ?? -1, body.escalated ? 1 : 0);
  });
}

/** Decodes the `negotiation` columns of a tick.batch.v2 of `tick` into `rows`. */
export function decodeNegotiationColumns(columns: TickBatchV2Negotiations, tick: number, wire: ExchangeWire, rows: NegotiationRows, rejected: WireRejection[]): void {
  const taken: number[] = [];
  const requests = new RequestRows();
  decodeRequestColumns(columns, tick, wire, requests, rejected, taken);
  const stateOf = columns.names.map((name) => (NEGOTIATION_STATES as readonly string[]).indexOf(name));
  const name = (index: number) => (index < 0 ? null : columns.names[index]);
  taken.forEach((c, k) => {
    const requestId = requestIdOf(tick, requests.application[k], requests.requester[k], requests.dataset[k]);
    const state = stateOf[columns.state[c]];
    const outcome = state < 0 ? null : outcomeOf(requestId, state, name(columns.decision[c]), name(columns.reason[c]));
    if (outcome === null) rejected.push({ requestId, code: 'inconsistent_request', detail: `negotiation step for ${requestId}: state: expected one of ${NEGOTIATION_STATES.join(', ')}, got ${JSON.stringify(columns.names[columns.state[c]])}` });
    else if (!Array.isArray(outcome)) rejected.push(outcome);
    else rows.pushStep(requests, k, state, outcome[0], outcome[1], columns.replyDue[c], columns.escalated[c]);
  });
}
