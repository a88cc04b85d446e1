// A parameter sweep and the runs it is made of, as plain data.

/** Where a sweep is in its life. */
export const SWEEP_STATUSES = ['running', 'completed', 'failed'] as const;
export type SweepStatus = (typeof SWEEP_STATUSES)[number];

/** Where one run of a sweep is: queued, taken by a worker, or finished. */
export const SWEEP_RUN_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type SweepRunStatus = (typeof SWEEP_RUN_STATUSES)[number];

/** One stored sweep: a parameter grid × replications over one scenario. */
export interface SweepRecord {
  id: string;
  name: string;
  /** Hash of the sweep definition (scenario hash, grid, replications). */
  sweepHash: string;
  status: SweepStatus;
  createdAt: string;
  finishedAt: string | null;
  manifest: Record<string, unknown>;
}

/** What a caller gives to start a sweep; `createdAt` defaults to the repository's clock. */
export interface NewSweepRecord {
  id: string;
  name: string;
  sweepHash: string;
  manifest?: Record<string, unknown>;
  createdAt?: string;
}

/** One run of a sweep: a grid point and a replication. `runId` names the run once it exists in `runs`. */
export interface SweepRunRecord {
  sweepId: string;
  runId: string;
  /** The lever values of this grid point, e.g. `{ "policies.standards.adoption": 0.5 }`. */
  point: Record<string, unknown>;
  replication: number;
  seed: number;
  digest: string | null;
  status: SweepRunStatus;
}
