// Content-derived message ids: the same message always gets the same id, so redeliveries are recognised.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../auth/canonical-json';
import type { BodyOf, MessageType } from './envelope';

/** What besides the body goes into an id: only batches need it. */
export interface MessageIdContext {
  tick: number;
  from: string;
  to: string;
}

/**
 * The id of a message, derived from its content only (DESIGN.md §4), never from a counter:
 * - exchange messages: `${type}:${requestId}`;
 * - contract.negotiation: `${type}:${requestId}:${state}` (one message per step of a negotiation);
 * - tick.open / tick.close: `${type}:${tick}`;
 * - tick.chunk: `${type}:${tick}:${first}`;
 * - tick.batch: `${type}:${tick}:${from}:${to}:${digest}`, digest = first 16 hex of
 *   SHA-256 over the canonical items, so two different batches never share an id;
 * - tick.batch.v2: the same, the digest over the body's JSON text (`bodyText`, as sent, when given).
 */
export function messageId<T extends MessageType>(type: T, body: BodyOf<T>, context: MessageIdContext, bodyText?: string): string {
  const anyBody = body as Record<string, unknown>;
  switch (type) {
    case 'exchange.request.v1':
    case 'exchange.decision.v1':
    case 'exchange.outcome.v1':
      return `${type}:${String(anyBody.requestId)}`;
    case 'contract.negotiation.v1':
      return `${type}:${String(anyBody.requestId)}:${String(anyBody.state)}`;
    case 'tick.open.v1':
    case 'tick.close.v1':
      return `${type}:${String(anyBody.tick)}`;
    case 'tick.chunk.v1':
      return `${type}:${context.tick}:${String(anyBody.first)}`;
    case 'tick.batch.v1': {
      const digest = createHash('sha256').update(canonicalJson(anyBody.items)).digest('hex').slice(0, 16);
      return `${type}:${context.tick}:${context.from}:${context.to}:${digest}`;
    }
    case 'tick.batch.v2': {
      // The body text is what is signed and sent; its digest identifies the batch without canonicalising it again.
      const digest = createHash('sha256')
        .update(bodyText ?? JSON.stringify(body))
        .digest('hex')
        .slice(0, 16);
      return `${type}:${context.tick}:${context.from}:${context.to}:${digest}`;
    }
    default:
      throw new Error(`messageId: unknown message type ${JSON.stringify(type)}`);
  }
}
