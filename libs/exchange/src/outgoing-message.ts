// What a use case asks its adapter to send: recipient, wire type and body; the adapter signs and queues it.
import type { WireRejection } from './exchange-wire';
import type { ExchangeDecisionV1Body, ExchangeOutcomeV1Body, ExchangeRequestV1Body } from '@silolab/protocol';

/**
 * One exchange message to send, in the tick the use case was handling. Decisions and outcomes also carry the
 * request's `ordinal` (requests have it in their body): `tick.batch.v2` identifies exchanges by ordinal.
 */
export type OutgoingExchange =
  | { to: string; type: 'exchange.request.v1'; body: ExchangeRequestV1Body }
  | { to: string; type: 'exchange.decision.v1'; body: ExchangeDecisionV1Body; ordinal: number }
  | { to: string; type: 'exchange.outcome.v1'; body: ExchangeOutcomeV1Body; ordinal: number };

/** The result of handling a message: what to send, and what was refused as invalid (never judged). */
export interface DeskResult {
  outgoing: OutgoingExchange[];
  rejected: WireRejection[];
}

/**
 * Groups outgoing messages by recipient, keeping their order: how `tick` delivery packs them into one
 * `tick.batch.v1` per recipient. Order within a group follows the input, so a redelivery packs identical batches.
 */
export function groupByRecipient(outgoing: readonly OutgoingExchange[]): Map<string, OutgoingExchange[]> {
  const groups = new Map<string, OutgoingExchange[]>();
  for (const message of outgoing) {
    const group = groups.get(message.to);
    if (group) group.push(message);
    else groups.set(message.to, [message]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
