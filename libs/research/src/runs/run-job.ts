// The wire contract of a sweep run: `silolab.sweep.run.v1` (what a worker runs) and `silolab.sweep.result.v1`
// (what it sends back). Plain JSON, validated at the edge with zod; the same messages go over a child process's
// IPC channel and over a BullMQ queue.
import { z } from 'zod';

/**
 * One run of a sweep. `scenario` is the sweep's base scenario with its fixed `set` values applied (a validated
 * Scenario object, so a worker on another machine needs no files); `overrides` are the point's parameter values.
 */
export const runJobSchema = z.strictObject({
  type: z.literal('silolab.sweep.run.v1'),
  /** Identifies the sweep (queue and job ids); not part of the result. */
  sweep: z.string().min(1),
  /** Canonical run index: point × replications + replication. */
  run: z.number().int().min(0),
  point: z.number().int().min(0),
  replication: z.number().int().min(0),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  ticks: z.number().int().min(1),
  /** First tick of the time averages. */
  averageFrom: z.number().int().min(0),
  scenario: z.record(z.string(), z.unknown()),
  overrides: z.record(z.string(), z.unknown()),
});

/** A run to do. */
export type RunJob = z.infer<typeof runJobSchema>;

/**
 * The outcome of a run: identity, digest, and per-tick metrics as rows of numbers in `metricKeys` order.
 * `final` is the last tick's row; `mean` the average of rows from `averageFrom` on; `totals` the run's refusal and
 * non-delivery counts by category (as in summary.json). Everything here is a pure function of the job.
 */
export const runOutcomeSchema = z.strictObject({
  type: z.literal('silolab.sweep.result.v1'),
  sweep: z.string().min(1),
  run: z.number().int().min(0),
  point: z.number().int().min(0),
  replication: z.number().int().min(0),
  seed: z.number().int().min(0),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  scenarioHash: z.string().regex(/^[0-9a-f]{64}$/),
  exchanges: z.number().int().min(0),
  metricKeys: z.array(z.string()),
  final: z.array(z.number().nullable()),
  mean: z.array(z.number().nullable()),
  totals: z.record(z.string(), z.number()),
  ticks: z.array(z.array(z.number().nullable())),
});

/** What a run produced. Numbers that are not finite travel as null (JSON has no NaN). */
export type RunOutcome = z.infer<typeof runOutcomeSchema>;
