// Public surface of @silolab/protocol: message contracts, authentication and the BullMQ inbox and outbox — without
// NestJS. The Nest microservice strategy and client are in @silolab/protocol/nest (src/nest/index.ts).

// Message contracts (one file per message; schemas exported so later versions can extend them).
export * from './messages/exchange-request.v1';
export * from './messages/exchange-decision.v1';
export * from './messages/exchange-outcome.v1';
export * from './messages/tick-open.v1';
export * from './messages/tick-chunk.v1';
export * from './messages/tick-close.v1';
export * from './messages/tick-batch.v1';
export * from './messages/tick-batch.v2';
export * from './messages/contract-negotiation.v1';
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
export { sign, signText, signValue, verify, verifySender, verifyText, verifyValue, verifyValueBy } from './auth/signature';
export { openRotation, rotateKeys } from './auth/key-rotation';

// BullMQ transport: inbox consumer and outbox producer (the Nest strategy around them: ./nest).
export * from './transport/queue-names';
export { bullConnection, resolveTransportOptions, transportSettingsSchema } from './transport/transport-options';
export type { BullMqTransportOptions, ResolvedTransportOptions, TransportConnection, TransportSettings, TransportSettingsInput } from './transport/transport-options';
export type { DeadLetter, DeadLetterReason } from './transport/dead-letters';
export { InboxConsumer, REPLAY_WINDOW_TICKS } from './transport/inbox-consumer';
export type { HandledJob, InboxHandler, InboxLogger } from './transport/inbox-consumer';
export { OutboxProducer } from './transport/outbox-producer';
export type { OutgoingMessage, SignedJob } from './transport/outbox-producer';
export { copyJobId, isCopyJobId } from './transport/transport-faults';
export type { FaultCount, SendFault, TransportFaults } from './transport/transport-faults';
export type { MarkConnection } from './transport/processed-marks';
export { openRedis } from './transport/redis-client';
export { CONNECTION_ERROR_WINDOW_MS, ConnectionErrors, connectionErrors } from './transport/connection-errors';

