// The hub's and department services' Prometheus metrics (SILOLAB_METRICS_PORT), scraped from the running processes
// of one redis run: what they count moves with the run, and a forged message shows as a dead letter.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { runSimulation } from '@silolab/engine';
import { jobIdFor, KeyRing, sign, type UnsignedEnvelope } from '@silolab/protocol';
import { loadScenarioFile } from '@silolab/runner';
import { createResolver, type ResolverHandle } from '@silolab/transports';

/** The samples of a scrape, by `name{labels}` with the labels in alphabetical order. */
async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1].replace(/\{(.*)\}/, (_, labels: string) => `{${labels.split(',').sort().join(',')}}`), Number(match[2]));
  }
  return samples;
}

/** The sum of the samples of `name` whose labels include every one of `labels`. */
const sumOf = (samples: Map<string, number>, name: string, ...labels: string[]) =>
  [...samples].filter(([key]) => key.startsWith(`${name}{`) && labels.every((label) => key.includes(label))).reduce((total, [, value]) => total + value, 0);

describe('service metrics on a redis run (message delivery)', () => {
  const scenario = loadScenarioFile('workshop-small').scenario;
  const secret = randomBytes(32).toString('hex');
  const lines: string[] = [];
  let handle: ResolverHandle;
  const urls = () => new Map(lines.flatMap((line) => (/^\[(.+?)\] silolab-service-metrics (\S+)$/.exec(line) ? [[/^\[(.+?)\]/.exec(line)![1], line.split(' ').pop()!]] : [])));

  beforeAll(async () => {
    const redisUrl = process.env.REDIS_URL_TEST;
    if (!redisUrl) throw new Error('REDIS_URL_TEST is not set (test/global-setup.js starts a Redis)');
    handle = await createResolver('redis', 'message', scenario, { redisUrl, secret, serviceMetricsPort: 0, departmentProcesses: 2, log: (line) => lines.push(line) });
  }, 120_000);

  afterAll(async () => handle?.shutdown());

  it('counts each service’s messages, handling and queue times, inbox depth and dead letters, and they move with the run', async () => {
    expect([...urls().keys()].sort()).toEqual(['departments 0-5', 'departments 6-11', 'hub'].sort());
    const hubUrl = urls().get('hub')!;
    const before = await scrape(hubUrl);
    expect(sumOf(before, 'silolab_service_messages_total')).toBe(0);

    const result = await runSimulation(scenario, { seed: 3, ticks: 3, resolver: handle.resolver });
    // A message claiming to come from d1 but signed with d2's key: dead-lettered by the hub as bad_signature.
    const { run, prefix } = handle.redis!;
    const body = { requestId: 't9-a999-r1-d0', ordinal: 0, requester: 'forged', owner: 'forged', dataset: 'forged', purpose: 'exchange', application: '999' };
    const forged = sign({ type: 'exchange.request.v1', run, tick: 9, from: 'd1', to: 'hub', id: `exchange.request.v1:${body.requestId}`, body } as UnsignedEnvelope, KeyRing.fromSecret(secret, run).key('d2'));
    const hubInbox = new Queue<string>('hub', { connection: { url: process.env.REDIS_URL_TEST! }, prefix: `${prefix}:${run}` });
    await hubInbox.add('exchange.request.v1', JSON.stringify(forged), { jobId: jobIdFor(forged.id) });
    await hubInbox.close();

    let hub = await scrape(hubUrl);
    // The inbox writes the dead letter, then fails the job: wait for both to show.
    const settled = () => hub.has('silolab_service_dead_letters{inbox="hub",reason="bad_signature",service="exchange-hub"}') && hub.get('silolab_service_queue_depth{inbox="hub",service="exchange-hub",state="failed"}') === 1;
    for (let wait = 0; wait < 100 && !settled(); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      hub = await scrape(hubUrl);
    }
    expect(hub.get('silolab_service_dead_letters{inbox="hub",reason="bad_signature",service="exchange-hub"}')).toBe(1);
    // Message delivery: the hub takes one request per exchange and one decision per exchange the hub allowed.
    const requests = hub.get('silolab_service_messages_total{service="exchange-hub",type="exchange.request.v1"}') ?? 0;
    expect(requests).toBe(result.exchanges);
    expect(hub.get('silolab_service_handling_seconds_count{service="exchange-hub",type="exchange.request.v1"}')).toBe(requests);
    expect(hub.get('silolab_service_queue_wait_seconds_count{service="exchange-hub",type="exchange.request.v1"}')).toBe(requests);
    expect(hub.get('silolab_service_messages_total{service="exchange-hub",type="tick.close.v1"}')).toBe(3);
    expect(hub.get('silolab_service_redeliveries_total{service="exchange-hub",type="exchange.request.v1"}') ?? 0).toBe(0);
    expect(hub.get('silolab_service_queue_depth{inbox="hub",service="exchange-hub",state="waiting"}')).toBe(0);
    expect(hub.get('silolab_service_queue_depth{inbox="hub",service="exchange-hub",state="failed"}')).toBe(1);

    // Each department takes its own requests from the orchestrator (one per exchange) and, as owner, those the hub
    // allowed (one per decision the hub then gets back).
    const departments = await Promise.all([...urls()].filter(([name]) => name !== 'hub').map(([, url]) => scrape(url)));
    const atDepartments = departments.reduce((total, samples) => total + sumOf(samples, 'silolab_service_messages_total', 'type="exchange.request.v1"'), 0);
    const decisions = hub.get('silolab_service_messages_total{service="exchange-hub",type="exchange.decision.v1"}') ?? 0;
    expect(decisions).toBeGreaterThan(0);
    expect(atDepartments).toBe(result.exchanges + decisions);
  }, 120_000);
});
