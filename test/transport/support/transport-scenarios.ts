// Fault-injection runs over the redis transport, observed from the orchestrating side (the test process).
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { runSimulation, type TickResult } from '@silolab/engine';
import { RedisResolver } from '@silolab/exchange';
import { jobIdFor, KeyRing, sign, type UnsignedEnvelope } from '@silolab/protocol';
import { loadScenarioFile } from '@silolab/runner';
import { createResolver } from '@silolab/transports';

/** Arguments of a fault run. */
export interface FaultArgs {
  redisUrl: string;
  scenario: string;
  seed: number;
  ticks: number;
  delivery: 'message' | 'tick';
  /** SIGKILL a service when this tick closes: the first department process, or the hub with `kill: 'hub'`. */
  killAtTick?: number;
  kill?: 'department' | 'hub';
  /** Write a forged and a malformed message onto the hub's inbox when this tick closes. */
  forgeAtTick?: number;
}

/** What a fault run observed. */
export interface FaultObservation {
  inprocDigest: string;
  digest: string;
  exchanges: number;
  hubRecords: number;
  ticksClosed: number;
  killedPid: number | null;
  restarts: number;
  deadLetterCounts: Record<string, string>;
  deadLetterJobs: number;
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
  const scenario = loadScenarioFile(args.scenario).scenario;
  const inproc = await runSimulation(scenario, { seed: args.seed, ticks: args.ticks, onTick: () => undefined });
  const secret = randomBytes(32).toString('hex');
  const handle = await createResolver('redis', args.delivery, scenario, { redisUrl: args.redisUrl, secret, log: () => undefined });
  const { run, prefix } = handle.redis!;
  const connection = { url: args.redisUrl };
  let killedPid: number | null = null;
  const pending: Promise<void>[] = [];
  try {
    const onTick = (tick: TickResult) => {
      if (tick.tick === args.killAtTick) {
        const names = Object.keys(handle.services!.pids());
        killedPid = handle.services!.kill(args.kill === 'hub' ? 'hub' : names.find((name) => name.startsWith('departments'))!);
      }
      if (tick.tick === args.forgeAtTick) pending.push(forge(connection, prefix, run, secret, tick.tick));
    };
    const result = await runSimulation(scenario, { seed: args.seed, ticks: args.ticks, resolver: handle.resolver, onTick });
    await Promise.all(pending);
    const redis = new Redis(args.redisUrl);
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
      killedPid,
      restarts: handle.services!.restartCount,
      deadLetterCounts: counts,
      deadLetterJobs,
    };
  } finally {
    await handle.shutdown();
  }
}
