// Public surface of @silolab/experiments: the research workflows with their I/O — sweeps (folder, journal, lock,
// local and BullMQ executors, sweep-workers, outputs and report), forks and comparisons of run and sweep folders.
// The pure logic they use (designs, statistics, table columns, comparisons, branches) is in @silolab/research.

// Sweeps.
export * from './sweep/sweep-file';
export * from './sweep/run-sweep';
export * from './sweep/run-executor';
export * from './sweep/run-journal';
export * from './sweep/sweep-directory';
export * from './sweep/sweep-text';
export { RedisUnreachableError, assertRedisReachable } from './sweep/redis/redis-reachable';
export { DEFAULT_SWEEP_PREFIX, RUNS_QUEUE } from './sweep/redis/sweep-queues';
export { startSweepWorker, type SweepWorkerHandle, type SweepWorkerOptions } from './sweep/redis/sweep-worker';

// Forks.
export * from './fork/parent-run';
export * from './fork/fork-run';
export * from './fork/fork-text';

// Comparisons.
export { CompareInputError, DEFAULT_RUN_METRICS, loadSide, type SideOptions } from './compare/compare-side';
export * from './compare/compare-folders';
export * from './compare/comparison-text';
export * from './compare/write-comparison';

// Files.
export * from './files/write-file-atomic';

// Sensitivity analyses (a sweep with a Morris or Sobol design).
export * from './sensitivity/sensitivity-text';

// Calibration (ABC, generation by generation as sweeps).
export * from './calibration/calibration-file';
export * from './calibration/run-calibration';
export * from './calibration/calibration-result';
export * from './calibration/calibration-text';

// Scenario discovery (PRIM over a sweep's runs).
export * from './discovery/discover-folder';
export * from './discovery/discovery-text';
export * from './discovery/write-discovery';

/**
 * A Parquet table writer (`ParquetTable`), loaded on first use: hyparquet-writer is an ES module, which Jest's CommonJS
 * runtime cannot load, so nothing that merely imports @silolab/experiments may load it.
 */
export async function openParquetTable(...args: ConstructorParameters<typeof import('./sweep/finalize/parquet-table').ParquetTable>): Promise<import('./sweep/finalize/parquet-table').ParquetTable> {
  const { ParquetTable } = await import('./sweep/finalize/parquet-table');
  return new ParquetTable(...args);
}
