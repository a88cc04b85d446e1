// Public surface of @silolab/protocol/nest: the BullMQ transport as a NestJS microservice strategy and client.
// The only part of @silolab/protocol that loads NestJS; message contracts, authentication and the BullMQ inbox and
// outbox come from @silolab/protocol without it.
export { BullMqContext } from './bullmq.context';
export { BULLMQ_TRANSPORT, BullMqServer } from './bullmq.server';
export type { BullMqServerStatus } from './bullmq.server';
export { BullMqClient } from './bullmq.client';
export { directHandlers } from './direct-handlers';
export type { DirectHandler } from './direct-handlers';
