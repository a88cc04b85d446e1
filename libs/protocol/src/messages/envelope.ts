// The envelope every SiloLab message travels in: type, run, tick, sender, recipient, id, body, signature.
import { z } from 'zod';
import { CONTRACT_NEGOTIATION_V1, contractNegotiationV1Body } from './contract-negotiation.v1';
import { EXCHANGE_DECISION_V1, exchangeDecisionV1Body } from './exchange-decision.v1';
import { EXCHANGE_OUTCOME_V1, exchangeOutcomeV1Body } from './exchange-outcome.v1';
import { EXCHANGE_REQUEST_V1, exchangeRequestV1Body } from './exchange-request.v1';
import { identitySchema, runSchema } from './identifiers';
import { TICK_BATCH_V1, tickBatchV1Body } from './tick-batch.v1';
import { TICK_BATCH_V2, tickBatchV2Body } from './tick-batch.v2';
import { TICK_CHUNK_V1, tickChunkV1Body } from './tick-chunk.v1';
import { TICK_CLOSE_V1, tickCloseV1Body } from './tick-close.v1';
import { TICK_OPEN_V1, tickOpenV1Body } from './tick-open.v1';

/** Body schema of every message type, keyed by wire type. */
export const bodySchemas = {
  [EXCHANGE_REQUEST_V1]: exchangeRequestV1Body,
  [EXCHANGE_DECISION_V1]: exchangeDecisionV1Body,
  [EXCHANGE_OUTCOME_V1]: exchangeOutcomeV1Body,
  [TICK_OPEN_V1]: tickOpenV1Body,
  [TICK_CHUNK_V1]: tickChunkV1Body,
  [TICK_CLOSE_V1]: tickCloseV1Body,
  [TICK_BATCH_V1]: tickBatchV1Body,
  [TICK_BATCH_V2]: tickBatchV2Body,
  [CONTRACT_NEGOTIATION_V1]: contractNegotiationV1Body,
} as const;

/** A wire type, e.g. `exchange.request.v1`. */
export type MessageType = keyof typeof bodySchemas;

/** All wire types, in a fixed order. */
export const MESSAGE_TYPES = Object.keys(bodySchemas) as MessageType[];

/** The body of a message of type `T`. */
export type BodyOf<T extends MessageType> = z.infer<(typeof bodySchemas)[T]>;

/** True when `value` is a known wire type. */
export function isMessageType(value: unknown): value is MessageType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(bodySchemas, value);
}

function envelopeOf<T extends MessageType>(type: T) {
  return z.strictObject({
    type: z.literal(type),
    run: runSchema,
    tick: z.number().int().nonnegative(),
    from: identitySchema,
    to: identitySchema,
    id: z.string().min(1).max(512),
    body: bodySchemas[type] as (typeof bodySchemas)[T],
    // Any string: a wrong or malformed signature is a `bad_signature`, not a schema error.
    sig: z.string(),
  });
}

/** Schema of a signed envelope; unknown keys are rejected at every level. */
export const envelopeSchema = z.discriminatedUnion('type', [
  envelopeOf(EXCHANGE_REQUEST_V1),
  envelopeOf(EXCHANGE_DECISION_V1),
  envelopeOf(EXCHANGE_OUTCOME_V1),
  envelopeOf(TICK_OPEN_V1),
  envelopeOf(TICK_CHUNK_V1),
  envelopeOf(TICK_CLOSE_V1),
  envelopeOf(TICK_BATCH_V1),
  envelopeOf(TICK_BATCH_V2),
  envelopeOf(CONTRACT_NEGOTIATION_V1),
]);

/** A validated, signed envelope. */
export type Envelope = z.infer<typeof envelopeSchema>;

/** The envelope of a message of type `T`. */
export type EnvelopeOf<T extends MessageType> = Extract<Envelope, { type: T }>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An envelope before signing: everything but `sig`, which covers exactly these fields. */
export type UnsignedEnvelope = DistributiveOmit<Envelope, 'sig'>;
