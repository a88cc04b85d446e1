// Public surface of @silolab/metrics: one metric per file.
export * from './sharing-network';
export * from './components.metric';
export * from './modularity.metric';
export * from './ei-index.metric';
export * from './silo-index.metric';
export * from './social-quality.metric';
export * from './strongest-ties';
