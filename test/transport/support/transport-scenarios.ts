// Fault-injection runs over the redis transport (faults: sections, forged messages), observed from the orchestrating side.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { InProcessResolver, runSimulation, type ExchangeResolver, type TickResult } from '@silolab/engine';
import { RedisResolver, type OpmonRecords } from '@silolab/exchange';
import { jobIdFor, KeyRing, sign, type UnsignedEnvelope } from '@silolab/protocol';
import { parseScenario, type FaultReport, type FaultsInput } from '@silolab/model';
import { loadScenarioFile } from '@silolab/runner';
import { createResolver } from '@silolab/transports';

/** Arguments of a fault run. */
export interface FaultArgs {
  /** The Redis to use; omitted, the transport starts its own (needed for a `restart-redis` fault). */
  redisUrl?: string;
  scenario: string;
  seed: number;
  ticks: number;
  delivery: 'message' | 'tick';
  /** The exchange protocol (default `hub`). */
  protocol?: string;
  /** Write a forged and a malformed message onto the hub's inbox when this tick closes. */
  forgeAtTick?: number;
  /** More faults, each run when its tick closes (awaited before the run goes on). */
  inject?: Array<{ tick: number; fault: (context: FaultContext) => Promise<void> }>;
  /** The resolver's stall timeout in ms (default 180 s). */
  stallTimeoutMs?: number;
  /** A `faults:` section, injected by the transport itself (keyed by `seed`). */
  faults?: FaultsInput;
}

/** What an injected fault can reach: the run's Redis, ids and secret, its services, and every request of the run. */
export interface FaultContext {
  redisUrl: string;
  run: string;
  prefix: string;
  secret: string;
  handle: Awaited<ReturnType<typeof createResolver>>;
  /** Requests by tick (from the in-process run): content-derived id and requester index. */
  requests: Map<number, Array<{ id: string; requester: number }>>;
}

/** What a fault run observed. */
export interface FaultObservation {
  inprocDigest: string;
  digest: string;
  exchanges: number;
  hubRecords: number;
  ticksClosed: number;
  deadLetterCounts: Record<string, string>;
  deadLetterJobs: number;
  /** The run's `transport` summary (protocol, delivery, the hub's messages). */
  transport: ReturnType<RedisResolver['transportSummary']>;
  /** Outcomes from a sender the protocol does not let report them. */
  refusedOutcomes: number;
  /** The run's opmon records (collected when the transport shut down, so read once the run has returned). */
  opmon: () => OpmonRecords | null;
  /** The run's fault report, when `faults` were given. */
  faultReport: FaultReport | undefined;
}

async function forge(connection: { url: string }, prefix: string, run: string, secret: string, tick: number): Promise<void> {
  const keys = KeyRing.fromSecret(secret, run);
  const hub = new Queue<string>('hub', { connection, prefix: `${prefix}:${run}` });
  hub.on('error', () => undefined);
  // Claims to come from d1 but is signed with d2's key: another department's identity.
  const body = { requestId: `t${tick + 1}-a999-r1-d0`, ordinal: 0, requester: 'forged', owner: 'forged', dataset: 'forged', purpose: 'exchange', application: '999' };
  const unsigned = { type: 'exchange.request.v1', run, tick: tick + 1, from: 'd1', to: 'hub', id: `exchange.request.v1:${body.requestId}`, body } as UnsignedEnvelope;
  const forged = sign(unsigned, keys.key('d2'));
  await hub.add('exchange.request.v1', JSON.stringify(forged), { jobId: jobIdFor(forged.id) });
  await hub.add('exchange.request.v1', '{"type":"exchange.request.v1","run":', { jobId: 'm.malformed-1' });
  await hub.close();
}

/** Runs a scenario over redis with a department process killed and/or forged messages injected. */
export async function faultRun(args: FaultArgs): Promise<FaultObservation> {
  const loaded = loadScenarioFile(args.scenario).scenario;
  const scenario = args.faults ? parseScenario({ ...loaded, faults: args.faults }) : loaded;
  // The in-process run, recording every request (an injected fault may aim at a request yet to be sent).
  const requests = new Map<number, Array<{ id: string; requester: number }>>();
  const inner = new InProcessResolver();
  const recorder: ExchangeResolver = {
    name: 'recording-inproc',
    resolve: (batch, rules) => {
      const list = requests.get(rules.tick) ?? [];
      for (let i = 0; i < batch.length; i++) list.push({ id: batch.requestId(rules.tick, i), requester: batch.requester[i] });
      requests.set(rules.tick, list);
      return inner.resolve(batch, rules);
    },
  };
  const inproc = await runSimulation(scenario, { seed: args.seed, ticks: args.ticks, resolver: recorder, onTick: () => undefined });
  const secret = randomBytes(32).toString('hex');
  const faults = scenario.faults && { faults: scenario.faults, seed: args.seed };
  const handle = await createResolver('redis', args.delivery, scenario, { redisUrl: args.redisUrl, secret, protocol: args.protocol, stallTimeoutMs: args.stallTimeoutMs, log: () => undefined, faults });
  const { run, prefix, url: redisUrl } = handle.redis!;
  const connection = { url: redisUrl };
  const pending: Promise<void>[] = [];
  try {
    const context: FaultContext = { redisUrl, run, prefix, secret, handle, requests };
    const faults = args.inject ?? [];
    const onTick = (tick: TickResult) => {
      for (const { fault } of faults.filter((f) => f.tick === tick.tick)) pending.push(fault(context));
      if (tick.tick === args.forgeAtTick) pending.push(forge(connection, prefix, run, secret, tick.tick));
    };
    // The next chunk is sent only once the faults injected so far are in place (onTick is not awaited).
    const redisResolver = handle.resolver as RedisResolver;
    const resolver: ExchangeResolver = {
      name: redisResolver.name,
      resolve: async (batch, rules) => {
        await Promise.all(pending);
        return redisResolver.resolve(batch, rules);
      },
      close: () => redisResolver.close(),
    };
    const result = await runSimulation(scenario, { seed: args.seed, ticks: args.ticks, resolver, onTick });
    await Promise.all(pending);
    const redis = new Redis(redisUrl);
    let counts: Record<string, string> = {};
    for (let wait = 0; wait < 300 && args.forgeAtTick !== undefined; wait++) {
      counts = await redis.hgetall(`${prefix}:${run}:hub.dlq-counts`);
      if (counts.bad_signature && counts.bad_json) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const deadLetters = new Queue('hub.dlq', { connection, prefix: `${prefix}:${run}` });
    const deadLetterJobs = Object.values(await deadLetters.getJobCounts()).reduce((a, b) => a + b, 0);
    await deadLetters.close();
    redis.disconnect();
    const stats = (handle.resolver as RedisResolver).stats;
    return {
      inprocDigest: inproc.digest,
      digest: result.digest,
      exchanges: result.exchanges,
      hubRecords: stats.hubRecords,
      ticksClosed: stats.ticksClosed,
      deadLetterCounts: counts,
      deadLetterJobs,
      transport: handle.transportSummary!(),
      refusedOutcomes: stats.refusedOutcomes,
      opmon: () => handle.opmon?.() ?? null,
      faultReport: handle.transportSummary!().faults,
    };
  } finally {
    await handle.shutdown();
  }
}
