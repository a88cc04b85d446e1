// The metrics of one tick of one run, as plain data (metric names as in DESIGN.md §8, e.g. `sharingRate`).

/** The metrics a run emitted at the end of one tick. Every value is a finite number. */
export interface TickMetricsRecord {
  runId: string;
  tick: number;
  /** Flat map of metric name to value; nested names use dots (`refusals.unwilling`). */
  metrics: Record<string, number>;
}
