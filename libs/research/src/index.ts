// Public surface of @silolab/research: statistics, experimental designs, seed derivation, sweep plans, run execution,
// summaries, comparisons, table columns and fork branches — pure functions, no file I/O, no framework.
// @silolab/experiments does the I/O around them.
export * from './statistics/incomplete-beta';
export * from './statistics/student-t';
export * from './statistics/mean-interval';
export * from './statistics/running-moments';
export * from './statistics/welch';
export * from './statistics/effect-size';
export * from './statistics/batch-means';
export * from './design/parameter';
export * from './design/factorial';
export * from './design/latin-hypercube';
export * from './design/run-order';
export * from './seeds/derive-seed';
export * from './sweep/sweep.schema';
export * from './sweep/sweep-error';
export * from './sweep/scenario-key';
export * from './sweep/metric-columns';
export * from './sweep/sweep-plan';
export * from './runs/run-job';
export * from './runs/execute-run';
export * from './summary/point-summary';
export * from './summary/marginal-summary';
export * from './compare/compare-samples';
export * from './sweep/run-outcome-check';
export * from './compare/compare-sides';
export * from './tables/run-columns';
export * from './tables/csv-line';
export * from './fork/branch-scenario';
export * from './fork/branch-comparison';
