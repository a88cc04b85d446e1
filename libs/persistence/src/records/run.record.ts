// A simulation run as the rest of SiloLab sees it: plain data, no decorators, no TypeORM.

/** Where a run is in its life. `completed` and `failed` are terminal. */
export const RUN_STATUSES = ['running', 'completed', 'failed', 'paused'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One stored run: what was run, by whom, and how it ended. Timestamps are ISO-8601 UTC strings. */
export interface RunRecord {
  id: string;
  status: RunStatus;
  scenarioName: string;
  /** SHA-256 of the canonical scenario, so two runs of the same scenario can be recognised. */
  scenarioHash: string;
  seed: number;
  ticks: number;
  /** `inproc` or `redis` (DESIGN.md §5). */
  transport: string;
  /** `message` or `tick` delivery on the redis transport; null when it does not apply. */
  delivery: string | null;
  /** SHA-256 over the canonical per-tick metrics and the ledger head (DESIGN.md §4); set on completion. */
  digest: string | null;
  ledgerHead: string | null;
  wallTimeMs: number | null;
  /** Why the run failed; null unless `status` is `failed`. */
  error: string | null;
  /** Process that drives the run; used to find runs whose orchestrator died (`failOrphans`). */
  ownerPid: number | null;
  ownerHost: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** The run manifest (scenario hash, seed, version, levers…), stored as JSON. */
  manifest: Record<string, unknown>;
}

/**
 * What a caller gives to start a run. The status starts as `running`; `createdAt` defaults to the repository's clock
 * and the owner defaults to the current process (pass `null` to record no owner).
 */
export interface NewRunRecord {
  id: string;
  scenarioName: string;
  scenarioHash: string;
  seed: number;
  ticks: number;
  transport: string;
  delivery?: string | null;
  manifest?: Record<string, unknown>;
  ownerPid?: number | null;
  ownerHost?: string | null;
  createdAt?: string;
}

/** The outcome stored when a run completes. */
export interface RunCompletion {
  digest: string;
  ledgerHead: string | null;
  wallTimeMs: number;
}
