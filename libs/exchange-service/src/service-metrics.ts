// A service's Prometheus metrics (prom-client) on a port of its own (SILOLAB_METRICS_PORT): the messages its inboxes
// handled, by type, with their queue wait and handling time, redeliveries, and — read from Redis at each scrape — the
// depth of its inboxes, its dead letters and the items it rejected. Nothing is added to a message's path but the
// in-memory counting of what the inbox already measures.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { type ServiceSettings } from '@silolab/exchange';
import { bullConnection, deadLetterCountsKey, inboxQueueName, runPrefix, type HandledJob } from '@silolab/protocol';
import type Redis from 'ioredis';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The line a service prints on stdout with the URL of its metrics, once they are served. */
export const SERVICE_METRICS_LINE = 'silolab-service-metrics';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
const SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The served metrics of a service process. */
export interface ServiceMetrics {
  /** Counts a handled job (an inbox's `onHandled` listener). */
  observe(handled: HandledJob): void;
  url: string;
}

/**
 * Serves `GET /metrics` for the service `name` consuming `identities`, on SILOLAB_METRICS_HOST (default loopback):
 * port 0 takes a free one. On any other host a scrape must present SILOLAB_METRICS_TOKEN as a bearer token (the
 * orchestrator's rule for reads), and a missing token refuses to start.
 */
export async function startServiceMetrics(name: string, identities: readonly string[], settings: ServiceSettings, redis: Redis): Promise<ServiceMetrics> {
  const host = settings.SILOLAB_METRICS_HOST;
  const token = settings.SILOLAB_METRICS_TOKEN;
  if (!LOOPBACK.has(host) && token === undefined) throw new Error(`SILOLAB_METRICS_HOST: ${host} is not a loopback address; set SILOLAB_METRICS_TOKEN (at least 16 characters) that scrapes must present`);
  const registry = new Registry();
  registry.setDefaultLabels({ service: name });
  const handledTotal = new Counter({ name: 'silolab_service_messages_total', help: 'Messages this service handled, by message type', labelNames: ['type'], registers: [registry] });
  const redeliveries = new Counter({ name: 'silolab_service_redeliveries_total', help: 'Messages handled on a second or later delivery (a retry, a stalled job, a copy under another job id)', labelNames: ['type'], registers: [registry] });
  const handling = new Histogram({ name: 'silolab_service_handling_seconds', help: 'Time the handler ran per message (not decoding or verification)', labelNames: ['type'], buckets: SECONDS_BUCKETS, registers: [registry] });
  const waiting = new Histogram({ name: 'silolab_service_queue_wait_seconds', help: 'Time a message waited in the inbox, from its sender queuing it to this worker taking it', labelNames: ['type'], buckets: SECONDS_BUCKETS, registers: [registry] });
  const base = runPrefix(settings.SILOLAB_PREFIX, settings.SILOLAB_RUN);
  const queues = identities.map((identity) => ({ identity, queue: new Queue(inboxQueueName(identity), { connection: bullConnection({ url: settings.REDIS_URL }), prefix: base }) }));
  for (const { queue } of queues) queue.on('error', () => undefined);
  new Gauge({
    name: 'silolab_service_queue_depth',
    help: 'Jobs in this service inboxes, by inbox and state',
    labelNames: ['inbox', 'state'],
    registers: [registry],
    async collect() {
      for (const { identity, queue } of queues) {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) this.set({ inbox: identity, state }, counts[state] ?? 0);
      }
    },
  });
  const fromHashes = (suffix: (identity: string) => string, label: string) =>
    async function collect(this: Gauge) {
      this.reset();
      for (const identity of identities) {
        for (const [key, count] of Object.entries(await redis.hgetall(suffix(identity)))) this.set({ inbox: identity, [label]: key }, Number(count));
      }
    };
  new Gauge({ name: 'silolab_service_dead_letters', help: 'Messages dead-lettered by this service inboxes in the run, by inbox and reason', labelNames: ['inbox', 'reason'], registers: [registry], collect: fromHashes((identity) => deadLetterCountsKey(settings.SILOLAB_PREFIX, settings.SILOLAB_RUN, identity), 'reason') });
  new Gauge({ name: 'silolab_service_rejected_items', help: 'Request or decision items this service rejected in the run, by inbox and code', labelNames: ['inbox', 'code'], registers: [registry], collect: fromHashes((identity) => `${base}:${identity}.rejections`, 'code') });

  const expected = token === undefined ? null : createHash('sha256').update(token).digest();
  const allowed = (header: string | undefined) => {
    if (expected === null) return true;
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    return presented !== undefined && timingSafeEqual(createHash('sha256').update(presented).digest(), expected);
  };
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') return void response.writeHead(404).end();
    if (!allowed(request.headers.authorization)) return void response.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="silolab"' }).end();
    registry.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: Error) => response.writeHead(503, { 'Content-Type': 'text/plain' }).end(`metrics unavailable: ${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(settings.SILOLAB_METRICS_PORT, host, resolve));
  // Neither the server nor the queues are closed: Nest's shutdown hook ends the process once the inboxes have closed.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`,
    observe({ envelope, enqueuedAt, dequeuedAt, handlingMs, redelivered }) {
      const labels = { type: envelope.type };
      handledTotal.inc(labels);
      if (redelivered) redeliveries.inc(labels);
      handling.observe(labels, handlingMs / 1000);
      waiting.observe(labels, Math.max(0, dequeuedAt - enqueuedAt) / 1000);
    },
  };
}
