// Transport scenarios run in a Nest process (run-nest-scenario.ts): real Nest microservices on BullMqServer, real Redis.
// Each returns what it observed (plain JSON); the specs in test/protocol assert on it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { lastValueFrom } from 'rxjs';
import {
  InboxConsumer,
  KeyRing,
  OutboxProducer,
  resolveTransportOptions,
  signedJobId,
  inboxQueueName,
  processedKey,
  runPrefix,
  sign,
  type BullMqTransportOptions,
  type ExchangeOutcomeV1Body,
  type ExchangeRequestV1Body,
  type UnsignedEnvelope,
} from '@silolab/protocol';
import { BULLMQ_TRANSPORT, BullMqClient, type BullMqContext } from '@silolab/protocol/nest';
import { dropKeys, startLocalRedis } from '@silolab/exchange';
import { childEnvironment } from '@silolab/runner';
import { nestTransportHops } from '../../../bench/protocol/nest-transport-hops';
import { rawBullMqHops } from '../../../bench/protocol/raw-bullmq-hops';
import { Probe, startProbe, type RunningProbe } from './probe-service';
import { addRawJob, deadLetters, inboxIdle, jobState, waitFor, type RunAddress } from './redis-inspection';
import type { ScenarioArgs } from './run-nest-scenario';

const RUN = 'run-1';

function requestBody(requestId: string): ExchangeRequestV1Body {
  return { requestId, ordinal: 0, requester: 'dept-a', owner: 'hub', dataset: 'ds1', purpose: 'elderly-allowance', application: `app-${requestId}` };
}

function outcomeBody(requestId: string): ExchangeOutcomeV1Body {
  return { requestId, decision: 'shared', reason: 'ok', category: null };
}

/** A run's transport settings, its key ring, and cleanup of everything started in it. */
function setUp(args: ScenarioArgs) {
  // The run secret is made here, at runtime; it never exists in the repository.
  const keyRing = KeyRing.fromSecret(randomBytes(32), RUN);
  const address: RunAddress = { redisUrl: args.redisUrl, prefix: args.prefix, run: RUN };
  const services: RunningProbe[] = [];
  const clients: BullMqClient[] = [];
  return {
    keyRing,
    address,
    transport: (identity: string, extra: Partial<BullMqTransportOptions> = {}): BullMqTransportOptions => ({
      connection: { url: args.redisUrl },
      run: RUN,
      prefix: args.prefix,
      keyRing,
      identity,
      ...extra,
    }),
    service: async (identity: string, probe?: Probe, extra: Partial<BullMqTransportOptions> = {}, direct = false) => {
      const running = await startProbe({ connection: { url: args.redisUrl }, run: RUN, prefix: args.prefix, keyRing, identity, ...extra }, probe, direct);
      services.push(running);
      return running;
    },
    client: (options: BullMqTransportOptions) => {
      const client = new BullMqClient(options);
      clients.push(client);
      return client;
    },
    tearDown: async () => {
      for (const client of clients) await client.close();
      for (const { app } of services) await app.close();
      await dropKeys({ url: args.redisUrl }, args.prefix);
    },
  };
}

type Run = ReturnType<typeof setUp>;

async function within<T>(args: ScenarioArgs, body: (run: Run) => Promise<T>): Promise<T> {
  const run = setUp(args);
  try {
    return await body(run);
  } finally {
    await run.tearDown();
  }
}

async function settled(address: RunAddress, identity: string, jobId: string): Promise<{ state: string; failedReason?: string }> {
  let last = { state: 'unknown' } as { state: string; failedReason?: string };
  await waitFor(`job ${jobId} at ${identity} to finish`, async () => {
    last = await jobState(address, identity, jobId);
    return last.state === 'completed' || last.state === 'failed';
  });
  return last;
}

/**
 * The same handlers called by the transport directly (callDirectly with directHandlers) and through Nest's pipeline: a
 * send answered, a repeated send answered from the processed mark, an event handled, a failing handler retried.
 */
export const directDispatch = (args: ScenarioArgs) =>
  within(args, async ({ service, client, transport }) => {
    // Each handler fails its first attempt of every message: the retry calls it again.
    const direct = await service('hub', new Probe({ firstAttempts: 1 }), {}, true);
    const viaNest = await service('dept-b', new Probe({ firstAttempts: 1 }));
    const deptA = client(transport('dept-a', { attempts: 3, backoffMs: 20 }));
    const message = { to: 'hub', tick: 1, body: requestBody('d1') };
    const reply = await lastValueFrom(deptA.send('exchange.request.v1', message));
    const again = await lastValueFrom(deptA.send('exchange.request.v1', message));
    const nestReply = await lastValueFrom(deptA.send('exchange.request.v1', { to: 'dept-b', tick: 1, body: requestBody('d2') }));
    await lastValueFrom(deptA.emit('exchange.outcome.v1', { to: 'hub', tick: 1, body: outcomeBody('d3') }));
    await waitFor('the outcome to be handled at the hub', async () => direct.probe.effects.includes('exchange.outcome.v1:d3'));
    return { reply, again, nestReply, calls: direct.probe.calls, effects: direct.probe.effects, throughNest: { direct: direct.probe.throughNest, viaNest: viaNest.probe.throughNest } };
  });

/** A client's send to a @MessagePattern handler, twice with the same message. */
export const answersSend = (args: ScenarioArgs) =>
  within(args, async ({ service, client, transport }) => {
    const hub = await service('hub');
    const deptA = client(transport('dept-a'));
    const message = { to: 'hub', tick: 1, body: requestBody('r1') };
    const reply = await lastValueFrom(deptA.send('exchange.request.v1', message));
    const again = await lastValueFrom(deptA.send('exchange.request.v1', message));
    const invalidBody = { ...requestBody('r2'), ordinal: 'first' } as unknown as ExchangeRequestV1Body;
    const invalidError = await lastValueFrom(deptA.send('exchange.request.v1', { to: 'hub', tick: 1, body: invalidBody })).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : JSON.stringify(error)),
    );
    return { reply, again, invalidError, calls: hub.probe.calls };
  });

/**
 * Nest's processing hooks (what tracing integrations set) around each handler: a send answered with hooks set, and
 * the order in which the hooks and the handler ran.
 */
export const processingHooks = (args: ScenarioArgs) =>
  within(args, async ({ service, client, transport }) => {
    const hub = await service('hub');
    const order: string[] = [];
    hub.server.setOnProcessingStartHook((transportId, context, done) => {
      order.push(`start ${transportId === BULLMQ_TRANSPORT ? 'bullmq' : String(transportId)} ${(context as BullMqContext).getEnvelope().type}`);
      return done();
    });
    hub.server.setOnProcessingEndHook(() => void order.push(`end after ${hub.probe.calls.length} call(s)`));
    const reply = await lastValueFrom(client(transport('dept-a')).send('exchange.request.v1', { to: 'hub', tick: 1, body: requestBody('r3') }));
    return { reply, order };
  });

/** An emitted event, then the same job added again with its own id and under another id. */
export const eventOnce = (args: ScenarioArgs) =>
  within(args, async ({ service, client, transport, address }) => {
    const deptB = await service('dept-b');
    const hub = client(transport('hub'));
    const message = { to: 'dept-b', tick: 2, body: outcomeBody('r7') };
    const emittedJobId = await lastValueFrom(hub.emit('exchange.outcome.v1', message));
    const first = await settled(address, 'dept-b', emittedJobId);
    const raw = JSON.stringify(await hub.envelopeFor('exchange.outcome.v1', message));
    const sameJobIdAgain = await addRawJob(address, 'dept-b', raw, signedJobId(JSON.parse(raw).sig));
    const redeliveredJobId = await addRawJob(address, 'dept-b', raw, 'redelivery-1');
    const redelivered = await settled(address, 'dept-b', redeliveredJobId);
    await waitFor('inbox to drain', () => inboxIdle(address, 'dept-b'));
    return { emittedJobId, first, sameJobIdAgain, redelivered, calls: deptB.probe.calls, effects: deptB.probe.effects };
  });

/**
 * `count` events emitted at once, while Redis MONITOR records the order in which it runs commands. The inbox sends
 * each processed mark without awaiting it, ahead of BullMQ's completion of the job on the same connection; the
 * order Redis ran them in is the property: every mark SET runs before its job enters the completed set.
 */
export const marksBeforeCompletion = (args: ScenarioArgs & { count: number }) =>
  within(args, async ({ service, client, transport }) => {
    await service('dept-b');
    const monitor = await new Redis(args.redisUrl).monitor();
    const doneKey = processedKey(args.prefix, RUN, 'dept-b', '');
    const completedKey = `${runPrefix(args.prefix, RUN)}:${inboxQueueName('dept-b')}:completed`;
    const markedAt = new Map<string, number>();
    const completedAt = new Map<string, number>();
    let seq = 0;
    monitor.on('monitor', (_time: string, command: string[]) => {
      seq += 1;
      const [name, key, , member] = command;
      if (name.toUpperCase() === 'SET' && key.startsWith(doneKey)) markedAt.set(key.slice(doneKey.length), seq);
      // The completed set holds job ids (signature digits): matched to message ids through what each emit returned.
      else if (name.toUpperCase() === 'ZADD' && key === completedKey) completedAt.set(member, seq);
    });
    try {
      const hub = client(transport('hub'));
      const jobIds = await Promise.all(Array.from({ length: args.count }, (_unused, index) => lastValueFrom(hub.emit('exchange.outcome.v1', { to: 'dept-b', tick: 0, body: outcomeBody(`r${index}`) }))));
      await waitFor(`${args.count} completions`, () => completedAt.size >= args.count, 60_000);
      const markedLate = jobIds.map((jobId, index) => [`exchange.outcome.v1:r${index}`, completedAt.get(jobId) ?? -Infinity] as const).filter(([messageId, at]) => !((markedAt.get(messageId) ?? Infinity) < at)).map(([messageId]) => messageId);
      return { completed: completedAt.size, marked: markedAt.size, markedLate };
    } finally {
      monitor.disconnect();
    }
  });

/** Department A signs a request that claims to come from department B; then B sends a genuine one. */
export const forgedSender = (args: ScenarioArgs) =>
  within(args, async ({ service, client, transport, address, keyRing }) => {
    const hub = await service('hub');
    const claimsB: UnsignedEnvelope = { type: 'exchange.request.v1', run: RUN, tick: 1, from: 'dept-b', to: 'hub', id: 'exchange.request.v1:r-forged', body: requestBody('r-forged') };
    const forgedJobId = await addRawJob(address, 'hub', JSON.stringify(sign(claimsB, keyRing.key('dept-a'))));
    const forged = await settled(address, 'hub', forgedJobId);
    const genuine = await lastValueFrom(client(transport('dept-b')).send('exchange.request.v1', { to: 'hub', tick: 1, body: requestBody('r-genuine') }));
    return { forged, deadLetters: await deadLetters(address, 'hub'), counts: await hub.server.deadLetterCounts(), calls: hub.probe.calls, genuine };
  });

/** Text that is not JSON, a signed request without body.requestId, a message for another identity; then a valid request. */
export const malformed = (args: ScenarioArgs) =>
  within(args, async ({ service, client, transport, address, keyRing }) => {
    const hub = await service('hub');
    const badJsonJobId = await addRawJob(address, 'hub', '{"type": "exchange.request.v1", "run": ');
    const { requestId: _dropped, ...bodyWithoutId } = requestBody('r-missing');
    const withoutRequestId = { type: 'exchange.request.v1', run: RUN, tick: 1, from: 'dept-a', to: 'hub', id: 'exchange.request.v1:r-missing', body: bodyWithoutId };
    const missingJobId = await addRawJob(address, 'hub', JSON.stringify(sign(withoutRequestId as unknown as UnsignedEnvelope, keyRing.key('dept-a'))));
    const forDeptC: UnsignedEnvelope = { type: 'tick.open.v1', run: RUN, tick: 1, from: 'orchestrator', to: 'dept-c', id: 'tick.open.v1:1', body: { tick: 1 } };
    const misroutedJobId = await addRawJob(address, 'hub', JSON.stringify(sign(forDeptC, keyRing.key('orchestrator'))));
    const states: string[] = [];
    for (const jobId of [badJsonJobId, missingJobId, misroutedJobId]) states.push((await settled(address, 'hub', jobId)).state);
    const valid = await lastValueFrom(client(transport('dept-a')).send('exchange.request.v1', { to: 'hub', tick: 1, body: requestBody('r-valid') }));
    return { states, deadLetters: await deadLetters(address, 'hub'), counts: await hub.server.deadLetterCounts(), calls: hub.probe.calls, valid };
  });

/** An event whose handler throws on the first attempt only. */
export const retriedOnce = (args: ScenarioArgs) =>
  within(args, async ({ service, client, transport, address }) => {
    const hub = await service('hub', new Probe({ firstAttempts: 1 }));
    const deptA = client(transport('dept-a', { attempts: 3, backoffMs: 50 }));
    const jobId = await lastValueFrom(deptA.emit('exchange.decision.v1', { to: 'hub', tick: 1, body: { requestId: 'r1', decision: 'share', reason: null } }));
    const final = await settled(address, 'hub', jobId);
    return { final, calls: hub.probe.calls, effects: hub.probe.effects, deadLetters: await deadLetters(address, 'hub') };
  });

/**
 * A job taken by a holder that then dies without finishing it (a killed process): a raw BullMQ worker fetches it
 * under a lock of `lockMs` and goes away. A service started with the same `lockMs` finds the lapsed lock at its
 * next stalled check and handles the job — within about twice `lockMs`, where BullMQ's own 30 s check would take
 * longer than `settled` waits.
 */
export const deadHolder = (args: ScenarioArgs & { lockMs: number }) =>
  within(args, async ({ service, client, transport, address }) => {
    const deptA = client(transport('dept-a'));
    const jobId = await lastValueFrom(deptA.emit('exchange.decision.v1', { to: 'hub', tick: 1, body: { requestId: 'r1', decision: 'share', reason: null } }));
    const holder = new Worker(inboxQueueName('hub'), null, { connection: { url: args.redisUrl }, prefix: runPrefix(args.prefix, RUN), autorun: false, lockDuration: args.lockMs });
    const taken = await holder.getNextJob('dead-holder');
    // The holder dies: its connections drop, its lock is never renewed.
    await holder.disconnect();
    const started = Date.now();
    const hub = await service('hub', new Probe(), { lockMs: args.lockMs });
    const final = await settled(address, 'hub', jobId);
    const inbox = new Queue(inboxQueueName('hub'), { connection: { url: args.redisUrl }, prefix: runPrefix(args.prefix, RUN) });
    const job = await inbox.getJob(jobId);
    await inbox.close();
    return { takenJobId: taken?.id ?? null, final, stalledCounter: job?.stalledCounter ?? null, calls: hub.probe.calls, effects: hub.probe.effects, takenUpMs: Date.now() - started };
  });

/** Handlers that always throw: an event and a send, two attempts each. */
export const alwaysFailing = (args: ScenarioArgs) =>
  within(args, async ({ service, client, transport, address }) => {
    const hub = await service('hub', new Probe({ always: true }));
    const deptA = client(transport('dept-a', { attempts: 2, backoffMs: 20 }));
    const eventJobId = await lastValueFrom(deptA.emit('exchange.decision.v1', { to: 'hub', tick: 1, body: { requestId: 'r1', decision: 'refuse', reason: 'unwilling' } }));
    const event = await settled(address, 'hub', eventJobId);
    const sendError = await lastValueFrom(deptA.send('exchange.request.v1', { to: 'hub', tick: 1, body: requestBody('r2') })).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : JSON.stringify(error)),
    );
    return { event, sendError, calls: hub.probe.calls, deadLetters: await deadLetters(address, 'hub'), counts: await hub.server.deadLetterCounts() };
  });

/** `events` events spread over three consumer identities, the first `duplicates` of them emitted twice. */
export const conformance = (args: ScenarioArgs & { events: number; duplicates: number }) =>
  within(args, async ({ service, client, transport, address }) => {
    const identities = ['dept-a', 'dept-b', 'hub'];
    const services = await Promise.all(identities.map((identity) => service(identity)));
    const orchestrator = client(transport('orchestrator'));
    const messages = Array.from({ length: args.events }, (_unused, index) => ({ to: identities[index % 3], tick: 0, body: outcomeBody(`r${index}`) }));
    await Promise.all(messages.map((message) => lastValueFrom(orchestrator.emit('exchange.outcome.v1', message))));
    await Promise.all(messages.slice(0, args.duplicates).map((message) => lastValueFrom(orchestrator.emit('exchange.outcome.v1', message))));
    const total = () => services.reduce((sum, running) => sum + running.probe.calls.length, 0);
    await waitFor(`${args.events} deliveries`, () => total() >= args.events, 60_000);
    for (const identity of identities) await waitFor(`${identity} inbox to drain`, () => inboxIdle(address, identity));
    return { received: Object.fromEntries(identities.map((identity, index) => [identity, services[index].probe.calls.map((call) => call.id)])) };
  });

/** One hop benchmark run, raw BullMQ or SiloLab's Nest transport. */
export const hops = async (args: ScenarioArgs & { kind: 'raw' | 'nest'; hops: number; messages: number; batch: number }) => {
  const measure = args.kind === 'raw' ? rawBullMqHops : nestTransportHops;
  const result = await measure({ url: args.redisUrl }, { hops: args.hops, messages: args.messages, batch: args.batch });
  return { arrivals: result.arrivals, latencies: result.latenciesMs.length, negativeLatencies: result.latenciesMs.filter((ms) => ms < 0).length, elapsedMs: result.elapsedMs };
};

/**
 * An inbox holding a job when its Redis is replaced by an empty one (a restart without persistence), then closed.
 * Run with the harness's natural exit (NEST_HARNESS_NATURAL_EXIT): nothing the close leaves behind may keep the
 * process alive — BullMQ's lock-renewal timer used to, for good.
 */
export const lostRedisClose = async (args: ScenarioArgs) => {
  const local = await startLocalRedis();
  const port = new URL(local.url).port;
  const keyRing = KeyRing.fromSecret(randomBytes(32), RUN);
  const options = (identity: string) => resolveTransportOptions({ connection: { url: local.url }, run: RUN, prefix: args.prefix, keyRing, identity, lockMs: 1000 });
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let entered: () => void = () => undefined;
  const inHand = new Promise<void>((resolve) => (entered = resolve));
  const quiet = { warn: () => undefined, error: () => undefined };
  const consumer = new InboxConsumer(options('hub'), () => async () => {
    entered();
    await held;
  }, quiet);
  await consumer.start();
  const outbox = new OutboxProducer(options('dept-a'), () => undefined);
  await outbox.postJob(outbox.job('exchange.request.v1', { to: 'hub', tick: 1, body: requestBody('r1') }));
  await outbox.close();
  await inHand;
  await local.stop();
  const replacement = spawn('redis-server', ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { env: childEnvironment(), stdio: 'ignore' });
  try {
    await sleep(500);
    release();
    await consumer.close();
  } finally {
    replacement.kill('SIGKILL');
  }
  return { closed: true };
};
