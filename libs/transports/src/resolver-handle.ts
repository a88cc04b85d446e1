// The transport port as a run sees it: a resolver for the run's exchanges, and how to shut down what was started for it.
import { InProcessResolver, type ExchangeResolver } from '@silolab/engine';
import type { Scenario } from '@silolab/model';
import type { OpmonRecords, ServiceSupervisor, TransportSummary } from '@silolab/exchange';

/** A resolver and how to shut down whatever was started for it. */
export interface ResolverHandle {
  resolver: ExchangeResolver;
  shutdown: () => Promise<void>;
  /** Redis transport only: the service processes (fault injection in tests), the Redis URL, run id and key prefix. */
  services?: ServiceSupervisor;
  redis?: { url: string; run: string; prefix: string };
  /** Redis transport only: the summary's `transport` section (the hub's messages, queue wait and handling time). */
  transportSummary?: () => TransportSummary;
  /** Redis transport only: the run's opmon records, once `shutdown` has collected them (null before). */
  opmon?: () => OpmonRecords | null;
}

/** Creates the resolver of one run: {@link createResolver} bound to a transport, or a test's own. */
export type ResolverFactory = (scenario: Scenario) => Promise<ResolverHandle>;

/** The embedded default: every run resolves its exchanges in this process. */
export const inProcessResolverFactory: ResolverFactory = async () => ({ resolver: new InProcessResolver(), shutdown: async () => undefined });
