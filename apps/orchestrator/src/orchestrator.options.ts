// What an orchestrator process is started with: where it listens, which database, which transport, which dashboard,
// and how it is exposed (token, origins, rate limits).
import type { RunTransport, ServerLimitName } from '@silolab/orchestration';
import type { OpenDatabaseOptions } from '@silolab/persistence';

/** Options of {@link startOrchestrator}; every one has a default. */
export interface OrchestratorOptions {
  /** TCP port; 0 picks a free one (the URL printed says which). Default: `PORT` or 3000. */
  port?: number;
  /** Interface to listen on. Default: `HOST` or 127.0.0.1 (0.0.0.0 in a container). */
  host?: string;
  /** Where runs are stored. Default: as @silolab/persistence resolves it (DATABASE_URL, SILOLAB_DATA_DIR, data/). */
  database?: OpenDatabaseOptions;
  /** How runs resolve their exchanges: in process (default), or `silolab serve --transport redis`'s services. */
  transport?: RunTransport;
  /** Runs at once and what each run may take; unset ones come from SILOLAB_MAX_… variables or the defaults (docs/security.md). */
  limits?: Partial<Record<ServerLimitName, number>>;
  /** Folder of the dashboard's static files, served at `/`. Default: the first of {@link dashboardCandidates} that exists. */
  dashboardDir?: string;
  /** Nest's own log lines. Default: warnings and errors only. */
  verbose?: boolean;
  /** The operator token. Default: `SILOLAB_API_TOKEN`, else one generated at start-up (and printed). */
  token?: string;
  /** Control routes without a token (`serve --no-token`); refused unless `host` is a loopback address. Default false. */
  tokenFree?: boolean;
  /** Browser origins other than the orchestrator's own that may call the API (CORS). Default: none. */
  corsOrigins?: string[];
  /** Requests per minute per client address, and writes among them. Default {@link DEFAULT_RATE_LIMITS}. */
  rateLimits?: { requestsPerMinute?: number; writesPerMinute?: number };
}

/** Injection token of the options. */
export const ORCHESTRATOR_OPTIONS = Symbol('silolab.orchestrator.options');
