// Choosing the transport for a run: the embedded in-process resolver, or department and hub services over Redis.
import { InProcessResolver, type ExchangeResolver } from '@silolab/engine';
import type { RedisTransportOptions, ServiceSupervisor, TransportSummary } from '@silolab/exchange';
import type { Scenario } from '@silolab/model';

export type { RedisTransportOptions };

/** A resolver and how to shut down whatever was started for it. */
export interface ResolverHandle {
  resolver: ExchangeResolver;
  shutdown: () => Promise<void>;
  /** Redis transport only: the service processes (fault injection in tests), the Redis URL, run id and key prefix. */
  services?: ServiceSupervisor;
  redis?: { url: string; run: string; prefix: string };
  /** Redis transport only: the summary's `transport` section (the hub's messages, queue wait and handling time). */
  transportSummary?: () => TransportSummary;
}

/** Creates the resolver for `--transport` (the redis one: `startRedisTransport` in @silolab/exchange). */
export async function createResolver(transport: 'inproc' | 'redis', delivery: 'message' | 'tick', scenario: Scenario, options: RedisTransportOptions = {}): Promise<ResolverHandle> {
  // Loaded only for redis: its adapters load NestJS, which an in-process run never needs.
  if (transport === 'redis') return (await import('@silolab/exchange')).startRedisTransport(delivery, scenario, options);
  return { resolver: new InProcessResolver(), shutdown: async () => undefined };
}
