// How a use case's outgoing rows travel: a message per exchange, one tick.batch.v1 per recipient, or columnar tick.batch.v2.
import type { BodyOf, MessageType } from '@silolab/protocol';
import { parcelColumns } from './batch-columns';
import { parcelMessages } from './v1-messages';
import { negotiationBodies, negotiationColumns } from './protocols/negotiation-wire';
import type { Outgoing } from './exchange-rows';

/** How a reply travels: a job per message, or one batch per recipient (and kind, for v2). */
export type WireFormat = 'message' | 'tick.batch.v1' | 'tick.batch.v2';

/** One message to sign and queue: recipient, wire type and body (a union over wire types, narrowed by `type`). */
export type WireMessage = { [T in MessageType]: { to: string; type: T; body: BodyOf<T> } }[MessageType];

/**
 * The messages `outgoing` becomes in `format`, recipients in order: `message` — one `exchange.*.v1` per exchange;
 * `tick.batch.v1` — one batch of them per recipient; `tick.batch.v2` — one columnar batch per recipient and kind.
 * Negotiation steps travel as `contract.negotiation.v1` messages, or as `negotiation` columns in tick.batch.v2.
 */
export function encodeOutgoing(outgoing: Outgoing, format: WireFormat): WireMessage[] {
  const parcels = outgoing.recipients();
  if (parcels.length === 0) return [];
  const wire = outgoing.requireWire();
  const { tick } = outgoing;
  const messages: WireMessage[] = [];
  for (const [to, parcel] of parcels) {
    if (format === 'tick.batch.v2') {
      for (const body of parcelColumns(parcel, wire)) messages.push({ to, type: 'tick.batch.v2', body });
      if (parcel.negotiations.length > 0) messages.push({ to, type: 'tick.batch.v2', body: negotiationColumns(parcel.negotiations, wire) });
    } else if (format === 'tick.batch.v1') {
      if (parcel.negotiations.length > 0) throw new Error('contract.negotiation.v1 travels one message per step or as tick.batch.v2 columns, not in tick.batch.v1');
      messages.push({ to, type: 'tick.batch.v1', body: { items: parcelMessages(parcel, wire, tick) } });
    } else {
      for (const { type, body } of parcelMessages(parcel, wire, tick)) messages.push({ to, type, body } as WireMessage);
      for (const body of negotiationBodies(parcel.negotiations, wire, tick)) messages.push({ to, type: 'contract.negotiation.v1', body });
    }
  }
  return messages;
}

/** Where a use case's outgoing messages go: signed and queued (SignedOutboxes), or delivered in memory in tests. */
export interface MessageSender {
  /** Resolves once every message is sent (to what, the sender says: a queued job, nothing). */
  send(from: string, outgoing: Outgoing, format: WireFormat): Promise<unknown>;
  /** Sends one message of `tick` (`message` delivery, a message alone): resolves once it is sent. */
  sendMessage(from: string, tick: number, message: WireMessage): Promise<unknown>;
}
