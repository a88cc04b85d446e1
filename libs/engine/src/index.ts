// Public surface of @silolab/engine: the simulation, its transport port and the keyed random source.
export * from './simulation';
export * from './exchange-resolver';
export { ExchangeRules } from './exchange-rules';
export { LedgerWriter, type LedgerPosition } from './ledger-writer';
export { RequestBatch, requestIdOf } from './request-batch';
export { KeyedRandom, mix32, hashString } from './random/keyed-random';
export { buildServices, buildWorld } from './world.builder';
export { compilePolicyView, type PolicyView } from './policy-view';
export type { SimulationState, Agreement } from './simulation-state';
export { InitialAgreements } from './initial-agreements';
export { SparseRelationships, BYTES_PER_SLOT } from './sparse-relationships';
export { relationshipDefaults, type RelationshipStore, type RelationshipDefaults, type RelationshipStoreFactory, type TrustSums } from './relationship-store';
export { runMetricKeys, TIES_PER_DEPARTMENT, type TickMetrics } from './tick-metrics';
export { NOTABLE_EVENTS_PER_KIND, type NotableEvents, type LeakEvent, type AuditEvent, type EscalationEvent } from './notable-events';
export { scenarioHash } from './run-digest';
export * from './run-estimate';
export { type SeatRequest } from './seat-requests';
