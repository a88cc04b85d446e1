// Public surface of @silolab/transports: the transport port of a run (ResolverHandle) and the one place that chooses
// its adapter — the engine's in-process resolver, or the exchange hub and department services over Redis.
export * from './resolver-handle';
export * from './create-resolver';
