// Names of what a distributed sweep keeps in Redis (BullMQ queues under one prefix), and the connection options.
//
//   BullMQ prefix   `--prefix` (default `silolab`)
//   runs queue      `sweep-runs`                  jobs `silolab.sweep.run.v1`, id `<sweepId>.<run>`; any sweep-worker takes them
//   results queue   `sweep-results.<sweepId>`     jobs `{ outcome, meta }` or `{ error }`, id `<sweepId>.<run>`; the sweep's coordinator takes them
//
// Results travel as jobs, not as queue events: a coordinator that is stopped or restarted finds them waiting, and a
// result is removed only after it is in the journal (at-least-once, and the journal ignores duplicates).
import type { ConnectionOptions } from 'bullmq';

/** Default BullMQ prefix of sweep queues. */
export const DEFAULT_SWEEP_PREFIX = 'silolab';
/** The queue every sweep-worker consumes. */
export const RUNS_QUEUE = 'sweep-runs';

/** The queue a sweep's results come back on. */
export function resultsQueueName(sweepId: string): string {
  return `sweep-results.${sweepId}`;
}

/** BullMQ job id of a run (and of its result): ids may not contain `:` nor be all digits. */
export function runJobId(sweepId: string, run: number): string {
  return `${sweepId}.${run}`;
}

/** BullMQ connection options from a redis:// URL (BullMQ opens its own connections, blocking ones included). */
export function connectionOf(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}

/** A result message: what a sweep-worker sends back for a run. */
export type ResultMessage = { outcome: unknown; meta: unknown } | { error: { run: number; message: string } };
