// What an orchestrator process is started with: where it listens, which database, which transport, which dashboard.
import type { ResolverFactory } from '@silolab/transports';
import type { OpenDatabaseOptions } from '@silolab/persistence';

/** Options of {@link startOrchestrator}; every one has a default. */
export interface OrchestratorOptions {
  /** TCP port; 0 picks a free one (the URL printed says which). Default: `PORT` or 3000. */
  port?: number;
  /** Interface to listen on. Default: `HOST` or 127.0.0.1 (0.0.0.0 in a container). */
  host?: string;
  /** Where runs are stored. Default: as @silolab/persistence resolves it (DATABASE_URL, SILOLAB_DATA_DIR, data/). */
  database?: OpenDatabaseOptions;
  /** Resolver per run. Default: in process. `silolab serve --transport redis` passes the Redis one. */
  resolverFactory?: ResolverFactory;
  /** Recorded on each run. Default: inproc. */
  transport?: string;
  delivery?: string | null;
  /** Folder of the dashboard's static files, served at `/`. Default: the first of {@link dashboardCandidates} that exists. */
  dashboardDir?: string;
  /** Nest's own log lines. Default: warnings and errors only. */
  verbose?: boolean;
}

/** Injection token of the options. */
export const ORCHESTRATOR_OPTIONS = Symbol('silolab.orchestrator.options');
