// Public surface of @silolab/exchange: the exchange protocol's use cases (hub, owners, orchestrator) and their Redis adapters.
//
// Nest-free. The use cases (desks, wire mapping, snapshots, collector) import nothing that loads NestJS and are
// tested in Jest; the adapters below them use @silolab/protocol, whose index loads NestJS (ESM), so they run in
// built processes only (see docs/transport.md).

// Use cases and their data.
export * from './department-identity';
export * from './identities';
export * from './run-context';
export * from './state-snapshot';
export * from './exchange-wire';
export * from './exchange-rows';
export * from './wire-format';
export * from './batch-columns';
export * from './v1-messages';
export * from './tick-rules';
export * from './hub-desk';
export * from './hub-timings';
export * from './latency-histogram';
export * from './owner-desk';
export * from './outcome-collector';
export * from './service-settings';

// Adapters: Redis, signed queues, processes.
export * from './tick-store';
export * from './signed-outboxes';
export * from './hub-history';
export * from './exchange-endpoints';
export * from './redis-resolver';
export * from './local-redis';
export * from './service-supervisor';
export * from './redis-transport';
