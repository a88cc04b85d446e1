// Choosing the transport for a run: the embedded in-process resolver, or department and hub services over Redis.
import { InProcessResolver, type ExchangeResolver } from '@silolab/engine';
import type { Scenario } from '@silolab/model';

/** A resolver and how to shut down whatever was started for it. */
export interface ResolverHandle {
  resolver: ExchangeResolver;
  shutdown: () => Promise<void>;
}

/** Creates the resolver for `--transport`. */
export async function createResolver(transport: 'inproc' | 'redis', delivery: 'message' | 'tick', scenario: Scenario): Promise<ResolverHandle> {
  void delivery;
  void scenario;
  if (transport === 'redis') throw new Error('the redis transport is not available in this build yet (use --transport inproc)');
  return { resolver: new InProcessResolver(), shutdown: async () => undefined };
}
