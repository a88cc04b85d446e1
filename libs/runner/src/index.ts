// Public surface of @silolab/runner: scenario files, running to a folder, summaries and CSV — the I/O around the engine.
export * from './scenario-file';
export * from './project-root';
export * from './metrics-csv';
export * from './opmon-table';
export * from './staged-directory';
export * from './run-summary';
export * from './run-to-directory';
export * from './run-summary-text';
export * from './verify-ledger-file';
export * from './assignment';
export * from './child-environment';
export * from './machine-limits';
export * from './process-alive';
