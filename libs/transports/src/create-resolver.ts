// Choosing the transport for a run: the embedded in-process resolver, or department and hub services over Redis.
import { InProcessResolver } from '@silolab/engine';
import type { RedisTransportOptions } from '@silolab/exchange';
import type { Scenario } from '@silolab/model';
import type { ResolverHandle } from './resolver-handle';

export type { RedisTransportOptions };

/** A run's transport: in this process, or department and hub services over Redis. */
export type TransportName = 'inproc' | 'redis';

/** How the redis transport carries messages: a job per exchange and hop, or per department and tick. */
export type DeliveryMode = 'message' | 'tick';

/** Creates the resolver for `--transport` (the redis one: `startRedisTransport` in @silolab/exchange). */
export async function createResolver(transport: TransportName, delivery: DeliveryMode, scenario: Scenario, options: RedisTransportOptions = {}): Promise<ResolverHandle> {
  // Loaded only for redis: its adapters load NestJS, which an in-process run never needs.
  if (transport === 'redis') return (await import('@silolab/exchange')).startRedisTransport(delivery, scenario, options);
  return { resolver: new InProcessResolver(), shutdown: async () => undefined };
}
