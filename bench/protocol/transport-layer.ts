// Baseline for benchmarks: SiloLab's transport layer alone against the signed layout's per-message work, in one
// process on one Redis. SiloLab's side is an OutboxProducer signing `exchange.request.v1` messages and an InboxConsumer
// taking them (decode, verify, replay and route checks, processed mark) with a handler that only counts; the other side
// is RawProtocol (sign, verify, parse, processed mark) over a plain BullMQ Queue and Worker, with the same job options,
// concurrency and message bodies. No desks, no Nest, no engine, no other process: what is left of a difference is the
// transport's own code (the envelope's fields, its checks, the longer job id).
import { Queue, Worker, type Job } from 'bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import { InboxConsumer, KeyRing, OutboxProducer, resolveTransportOptions, runPrefix, type ExchangeRequestV1Body } from '@silolab/protocol';
import { cpuMeter, dropKeys } from '@silolab/exchange';
import { RawProtocol, rawLayoutJobOptions, type RawJobData, type RawLayoutJob } from './raw-layout';

export interface TransportLayerResult {
  /** CPU µs per message of this process (sending and taking). */
  nodeUs: number;
  /** CPU µs per message of Redis (NaN when its pid is unknown). */
  redisUs: number;
  elapsedMs: number;
}

/** Messages are queued in waves of this many, as a tick's requests are. */
const WAVE = 500;

/** A request body as the orchestrator sends one (names as in workshop-small). */
function requestBody(i: number): ExchangeRequestV1Body {
  return { requestId: `t3-a${i}-r2-d40`, ordinal: i, requester: 'civil-affairs@city', owner: 'public-security@city', dataset: 'public-security@city/d0', purpose: 'elderly-allowance', application: String(i) };
}

/** Measures `work` (which resolves once every message is taken): CPU of this process and of Redis, per message. */
async function measured(messages: number, redisPid: number | null, work: () => Promise<void>): Promise<TransportLayerResult> {
  const done = cpuMeter(redisPid === null ? { node: process.pid } : { node: process.pid, redis: redisPid });
  const started = Date.now();
  await work();
  const cpu = done();
  return { nodeUs: (cpu.node * 1e6) / messages, redisUs: redisPid === null ? NaN : (cpu.redis * 1e6) / messages, elapsedMs: Date.now() - started };
}

/**
 * A fresh prefix and run for one side. BullMQ sends every key of a job with each of its commands, and Redis's time per
 * job grows with their length (about 1.5 µs per job for 17 more characters), so both sides get keys of the same
 * length: SiloLab's transport prefixes them with `runPrefix(prefix, run)`, the signed layout takes that text as its
 * whole prefix.
 */
function layerKeys(): { prefix: string; run: string } {
  return { prefix: `bench-layer-${randomUUID().slice(0, 8)}`, run: `layer-${randomUUID().slice(0, 8)}` };
}

/** SiloLab's outbox and inbox: `messages` requests from `d2` to `hub`, taken by a handler that counts. */
export async function silolabTransportLayer(redisUrl: string, redisPid: number | null, messages: number): Promise<TransportLayerResult> {
  const { prefix, run } = layerKeys();
  const base = { connection: { url: redisUrl }, run, prefix, keyRing: KeyRing.fromSecret(randomBytes(32), run) };
  let taken = 0;
  let allTaken: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allTaken = resolve));
  const warn = (line: string) => process.stderr.write(`transport layer: ${line}\n`);
  const inbox = new InboxConsumer(resolveTransportOptions({ ...base, identity: 'hub' }), () => async () => void (++taken === messages && allTaken()), { warn, error: warn });
  const outbox = new OutboxProducer(resolveTransportOptions({ ...base, identity: 'd2' }), warn);
  try {
    await inbox.start();
    return await measured(messages, redisPid, async () => {
      for (let first = 0; first < messages; first += WAVE) {
        const wave = Array.from({ length: Math.min(WAVE, messages - first) }, (_unused, k) => outbox.postJob(outbox.job('exchange.request.v1', { to: 'hub', tick: 3, body: requestBody(first + k) })));
        await Promise.all(wave);
      }
      await done;
    });
  } finally {
    await outbox.close();
    await inbox.close();
    await dropKeys({ url: redisUrl }, prefix).catch(() => undefined);
  }
}

/** The signed layout's per-message work (RawProtocol) on a plain Queue and Worker: the same messages, options and concurrency. */
export async function signedTransportLayer(redisUrl: string, redisPid: number | null, messages: number): Promise<TransportLayerResult> {
  const keys = layerKeys();
  const prefix = runPrefix(keys.prefix, keys.run);
  const connection = { url: redisUrl };
  const protocol = new RawProtocol(randomBytes(32));
  let taken = 0;
  let allTaken: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allTaken = resolve));
  let worker: Worker<RawJobData> | null = null;
  worker = new Worker<RawJobData>('hub', protocol.processor(() => worker!, `${prefix}:hub.done`, async () => void (++taken === messages && allTaken())), { connection, prefix, concurrency: 16 });
  worker.on('error', () => undefined);
  const queue = new Queue<RawJobData>('hub', { connection, prefix });
  queue.on('error', () => undefined);
  try {
    await worker.waitUntilReady();
    return await measured(messages, redisPid, async () => {
      for (let first = 0; first < messages; first += WAVE) {
        const wave: Array<Promise<Job<RawJobData>>> = [];
        for (let i = first; i < Math.min(first + WAVE, messages); i++) {
          const id = `request.3.${i}`;
          // The same body, as the raw layout's data type: what it carries does not change what the protocol does.
          const body = requestBody(i) as unknown as RawLayoutJob;
          wave.push(queue.add('request', protocol.sign('d2', 'hub', id, body), rawLayoutJobOptions(id)));
        }
        await Promise.all(wave);
      }
      await done;
    });
  } finally {
    await queue.close();
    await worker.close();
    await dropKeys(connection, prefix).catch(() => undefined);
  }
}
