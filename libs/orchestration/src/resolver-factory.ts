// The transport port as the run manager sees it: a resolver per run, and how to shut down what was started for it.
import { InProcessResolver, type ExchangeResolver } from '@silolab/engine';
import type { Scenario } from '@silolab/model';

/** A resolver and how to shut down whatever was started for it (the same shape as the CLI's `createResolver`). */
export interface ResolverHandle {
  resolver: ExchangeResolver;
  shutdown: () => Promise<void>;
}

/** Creates the resolver of one run (`createResolver(transport, delivery, scenario)` in the CLI, bound to a transport). */
export type ResolverFactory = (scenario: Scenario) => Promise<ResolverHandle>;

/** The embedded default: every run resolves its exchanges in this process. */
export const inProcessResolverFactory: ResolverFactory = async () => ({ resolver: new InProcessResolver(), shutdown: async () => undefined });
