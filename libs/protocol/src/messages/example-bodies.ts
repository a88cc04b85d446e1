// Example bodies, one valid body per message type: for specs and as a reading aid next to docs/protocol.md.
import type { BodyOf, MessageType } from './envelope';

/** A valid body for every message type. */
export const exampleBodies: { [T in MessageType]: BodyOf<T> } = {
  'exchange.request.v1': { requestId: 'r-3-dept-a-ds1-app9', ordinal: 0, requester: 'dept-a', owner: 'dept-b', dataset: 'ds1', purpose: 'elderly-allowance', application: 'app9' },
  'exchange.decision.v1': { requestId: 'r-3-dept-a-ds1-app9', decision: 'refuse', reason: 'afraid_of_liability' },
  'exchange.outcome.v1': { requestId: 'r-3-dept-a-ds1-app9', decision: 'denied', reason: 'not_in_catalogue', category: 'unable' },
  'tick.open.v1': { tick: 3, expected: 12 },
  'tick.chunk.v1': { first: 0, count: 12 },
  'tick.close.v1': { tick: 3 },
  'tick.batch.v1': {
    items: [
      { type: 'exchange.request.v1', body: { requestId: 'r1', ordinal: 0, requester: 'dept-a', owner: 'dept-b', dataset: 'ds1', purpose: 'p', application: 'a1' } },
      { type: 'exchange.outcome.v1', body: { requestId: 'r0', decision: 'shared', reason: 'ok', category: null } },
    ],
  },
  // Two requests of dept-a: to dept-b for ds1 (service p), and to dept-c for ds2 (no service).
  'tick.batch.v2': {
    kind: 'request',
    names: ['dept-a', 'dept-b', 'ds1', 'p', 'dept-c', 'ds2', 'exchange'],
    ordinal: [0, 1],
    requester: [0, 0],
    owner: [1, 4],
    dataset: [2, 5],
    purpose: [3, 6],
    application: [9, 9],
  },
  'contract.negotiation.v1': {
    requestId: 'r-3-dept-a-ds1-app9',
    ordinal: 0,
    requester: 'dept-a',
    owner: 'dept-b',
    dataset: 'ds1',
    purpose: 'elderly-allowance',
    application: 'app9',
    state: 'TERMINATED',
    decision: 'denied',
    reason: 'no_agreement',
    replyDue: 13,
    escalated: false,
  },
};
