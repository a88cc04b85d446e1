// Public surface of @silolab/protocol: message contracts, authentication, the BullMQ transport for Nest, hop benchmarks.

// Message contracts (one file per message; schemas exported so later versions can extend them).
export * from './messages/exchange-request.v1';
export * from './messages/exchange-decision.v1';
export * from './messages/exchange-outcome.v1';
export * from './messages/tick-open.v1';
export * from './messages/tick-chunk.v1';
export * from './messages/tick-close.v1';
export * from './messages/tick-batch.v1';
export * from './messages/tick-batch.v2';
export * from './messages/identifiers';
export { bodySchemas, envelopeSchema, isMessageType, MESSAGE_TYPES } from './messages/envelope';
export type { BodyOf, Envelope, EnvelopeOf, MessageType, UnsignedEnvelope } from './messages/envelope';
export { decodeEnvelope, parseBody } from './messages/decode-envelope';
export type { DecodeFailure, DecodeFailureReason, DecodeResult } from './messages/decode-envelope';
export { messageId } from './messages/message-id';
export type { MessageIdContext } from './messages/message-id';

// Authentication.
export { canonicalJson } from './auth/canonical-json';
export { KeyRing, MIN_SECRET_BYTES, RUN_SECRET_ENV } from './auth/key-ring';
export { sign, signText, signValue, verify, verifySender, verifyText, verifyValue } from './auth/signature';

// BullMQ transport.
export * from './transport/queue-names';
export { bullConnection, resolveTransportOptions, transportSettingsSchema } from './transport/transport-options';
export type { BullMqTransportOptions, ResolvedTransportOptions, TransportConnection, TransportSettings, TransportSettingsInput } from './transport/transport-options';
export type { DeadLetter, DeadLetterReason } from './transport/dead-letters';
export { InboxConsumer } from './transport/inbox-consumer';
export type { HandledJob, InboxHandler, InboxLogger } from './transport/inbox-consumer';
export { OutboxProducer } from './transport/outbox-producer';
export type { OutgoingMessage, SignedJob } from './transport/outbox-producer';
export { BullMqContext } from './transport/bullmq.context';
export { BULLMQ_TRANSPORT, BullMqServer } from './transport/bullmq.server';
export type { BullMqServerStatus } from './transport/bullmq.server';
export { BullMqClient } from './transport/bullmq.client';

// Measured functions for the transport benchmark.
export { rawBullMqHops } from './bench/raw-bullmq-hops';
export { nestTransportHops } from './bench/nest-transport-hops';
export { dropKeys } from './bench/drop-keys';
export type { HopsOptions, HopsResult } from './bench/hop-recorder';
export { rawLayoutHops, rawLayoutJobCount } from './bench/raw-layout';
export type { RawLayoutOptions, RawLayoutResult, RawRound } from './bench/raw-layout';
