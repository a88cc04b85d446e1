// Public surface of @silolab/exchange: the exchange protocol's use cases (hub, owners, orchestrator) and their Redis adapters.
//
// Nest-free: the use cases (desks, wire mapping, snapshots, collector) and the adapters below them (which use
// @silolab/protocol's queues, not its Nest strategy) all load in Jest.

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
export * from './opmon/opmon-recorder';
export * from './opmon/opmon-records';
export * from './owner-desk';
export * from './outcome-collector';
export * from './service-settings';
export * from './permission-grants';
export * from './protocols/exchange-protocol';
export * from './protocols/hub.protocol';
export * from './protocols/direct.protocol';
export * from './protocols/peer-desk';
export * from './protocols/direct-desk';
export * from './protocols/negotiated-states';
export * from './protocols/negotiated-desk';
export * from './protocols/negotiated.protocol';
export * from './protocols/negotiation-wire';
export * from './protocols/protocol-registry';

// Adapters: Redis, signed queues, processes.
export * from './tick-store';
export * from './signed-outboxes';
export * from './evidence-log';
export * from './opmon/opmon-log';
export * from './hub-history';
export * from './exchange-endpoints';
export * from './redis-resolver';
export * from './local-redis';
export * from './service-supervisor';
export * from './redis-transport';
export * from './drop-keys';
export * from './faults/message-faults';
export * from './faults/fault-plan';
export * from './measure/run-meters';
export * from './lab/protocol-lab';
export * from './lab/lab-report';
