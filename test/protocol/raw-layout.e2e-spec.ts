// The benchmark's raw BullMQ baseline in SiloLab's layout, on a real Redis: every exchange comes back, the job count is
// the one the bench compares with SiloLab's, and the three variants (signed and marked messages; one inbox per
// department process; every job carrying the body SiloLab's message carries on its hop) do what they say. The built module is used: it spawns its service processes from dist/.
import path from 'node:path';
import Redis from 'ioredis';
import type { RawRound } from '../../bench/protocol/raw-layout';
import { newRunId } from '@silolab/exchange';
import { DEFAULT_PREFIX, runPrefix } from '@silolab/protocol';
import { redisUrl } from './support/run-nest-scenario';

type RawLayoutModule = Pick<typeof import('../../bench/protocol/raw-layout'), 'rawLayoutHops' | 'rawLayoutJobCount' | 'RAW_LAYOUT_PREFIX_NAME'>;
const { rawLayoutHops, rawLayoutJobCount, RAW_LAYOUT_PREFIX_NAME: NAME } = require(path.resolve(__dirname, '../../dist/bench/protocol/raw-layout.js')) as RawLayoutModule;

/** A round of `n` requests among departments 0-3, every third one denied by the hub. */
function round(tick: number, n: number): RawRound {
  const requester = Array.from({ length: n }, (_unused, i) => i % 4);
  const owner = Array.from({ length: n }, (_unused, i) => (i + 1 + (i % 3)) % 4);
  const denied = Array.from({ length: n }, (_unused, i) => (i % 3 === 0 ? 1 : 0));
  return { tick, firstOrdinal: 0, requester, owner, denied };
}

/** `round` with bodies: the request, the owner's decision (null when denied) and the outcome of each entry. */
function withBodies(spec: RawRound): RawRound {
  const ids = Array.from(spec.requester, (_unused, i) => `t${spec.tick}-a${i}-r${spec.requester[i]}-d${spec.owner[i]}`);
  return {
    ...spec,
    bodies: {
      request: ids.map((requestId, i) => ({ requestId, ordinal: spec.firstOrdinal + i, requester: `dept-${spec.requester[i]}` })),
      decision: ids.map((requestId, i) => (spec.denied[i] ? null : { requestId, decision: i % 2 ? 'share' : 'refuse' })),
      outcome: ids.map((requestId, i) => ({ requestId, decision: spec.denied[i] ? 'denied' : i % 2 ? 'shared' : 'refused' })),
    },
  };
}

/** Every job of the run still in Redis: its name and data (the signed envelope's body when signed). */
async function jobsIn(redis: Redis): Promise<Array<{ name: string; t: number; o: number[]; p?: unknown[] }>> {
  const keys = (await redis.keys(`${NAME}:x*`)).filter((key) => /^x[0-9a-f]{12}:(orchestrator|hub|d\d+|p\d+):(demand|request|ask|decision|outcome)\.\d+\.\d+$/.test(key.slice(NAME.length + 1)));
  const jobs = [];
  for (const key of keys) {
    const [name, data] = await redis.hmget(key, 'name', 'data');
    const value = JSON.parse(data!) as unknown;
    // Signed: the job's data is the envelope text, `{ from, to, id, body, sig }`.
    const job = typeof value === 'string' ? (JSON.parse(value) as { body: { t: number; o: number[]; p?: unknown[] } }).body : (value as { t: number; o: number[]; p?: unknown[] });
    jobs.push({ name: name!, ...job });
  }
  return jobs;
}

/** Keys per kind under the run's prefix, read while the run's keys still exist (just after its last round). */
interface KeysSeen {
  departmentQueues: number;
  processQueues: number;
  marks: number;
  /** The first two segments of every key (the run's prefix). */
  prefixes: string[];
}

async function keysSeen(redis: Redis): Promise<KeysSeen> {
  const count = async (pattern: string) => (await redis.keys(pattern)).length;
  return {
    departmentQueues: await count(`${NAME}:x*:d[0-9]:*`),
    processQueues: await count(`${NAME}:x*:p[0-9]:*`),
    marks: await count(`${NAME}:x*.done:*`),
    prefixes: [...new Set((await redis.keys(`${NAME}:*`)).map((key) => key.split(':').slice(0, 2).join(':')))],
  };
}

describe('raw BullMQ in SiloLab layout (bench baseline)', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisUrl());
  });
  afterAll(async () => {
    await redis.quit();
  });

  const rounds = [round(0, 12), round(1, 30), round(2, 25)];
  const departmentProcesses = [
    { name: 'departments 0-1', departments: [0, 1] },
    { name: 'departments 2-3', departments: [2, 3] },
  ];

  it.each([
    { delivery: 'message' as const, protocol: false, inbox: 'department' as const },
    { delivery: 'message' as const, protocol: true, inbox: 'process' as const },
    { delivery: 'tick' as const, protocol: true, inbox: 'department' as const },
    { delivery: 'tick' as const, protocol: false, inbox: 'process' as const },
  ])('$delivery delivery, signed $protocol, one inbox per $inbox: every exchange back, in the counted jobs', async ({ delivery, protocol, inbox }) => {
    let seen: KeysSeen | null = null;
    const result = await rawLayoutHops(
      { url: redisUrl() },
      {
        rounds,
        delivery,
        departmentProcesses,
        measureFromTick: 1,
        protocol,
        inbox,
        stallTimeoutMs: 15_000,
        around: () => async () => {
          seen = await keysSeen(redis);
        },
      },
    );
    expect(result.exchanges).toBe(55);
    expect(result.jobs).toBe(rawLayoutJobCount(rounds[1], delivery) + rawLayoutJobCount(rounds[2], delivery));
    expect(result.latenciesMs).toHaveLength(55);
    expect(result.latenciesMs.every((ms) => ms >= 0)).toBe(true);
    expect(seen).not.toBeNull();
    const keys = seen as unknown as KeysSeen;
    if (inbox === 'process') {
      expect(keys.processQueues).toBeGreaterThan(0);
      expect(keys.departmentQueues).toBe(0);
    } else {
      expect(keys.departmentQueues).toBeGreaterThan(0);
      expect(keys.processQueues).toBe(0);
    }
    if (protocol) expect(keys.marks).toBeGreaterThan(0);
    else expect(keys.marks).toBe(0);
    // One run prefix, as long as a SiloLab run's: both sides' keys are as long (docs/transport.md §7.11).
    expect(keys.prefixes).toHaveLength(1);
    expect(keys.prefixes[0]).toHaveLength(runPrefix(DEFAULT_PREFIX, newRunId()).length);
    // Nothing is left behind.
    expect(await redis.keys(`${NAME}:x*`)).toEqual([]);
  });

  it('with bodies, every job carries the body of its hop for each of its ordinals (signed, message delivery)', async () => {
    const carrying = rounds.map(withBodies);
    let jobs: Awaited<ReturnType<typeof jobsIn>> = [];
    const result = await rawLayoutHops(
      { url: redisUrl() },
      {
        rounds: carrying,
        delivery: 'message',
        departmentProcesses,
        measureFromTick: 1,
        protocol: true,
        bodies: true,
        stallTimeoutMs: 15_000,
        around: () => async () => {
          jobs = await jobsIn(redis);
        },
      },
    );
    expect(result.exchanges).toBe(55);
    // Every job of the three rounds is kept (completed jobs live 600 s): 3 per exchange, 2 more per allowed one.
    expect(jobs).toHaveLength(carrying.reduce((sum, spec) => sum + rawLayoutJobCount(spec, 'message'), 0));
    const kinds = new Set<string>();
    for (const job of jobs) {
      const spec = carrying[job.t];
      const kind = job.name === 'decision' ? 'decision' : job.name === 'outcome' ? 'outcome' : 'request';
      kinds.add(job.name);
      expect({ job: `${job.name}.${job.t}.${job.o[0]}`, p: job.p }).toEqual({ job: `${job.name}.${job.t}.${job.o[0]}`, p: job.o.map((ordinal) => spec.bodies![kind][ordinal - spec.firstOrdinal]) });
    }
    expect([...kinds].sort()).toEqual(['ask', 'decision', 'demand', 'outcome', 'request']);
    expect(await redis.keys(`${NAME}:x*`)).toEqual([]);
  });

  it('refuses bodies in tick delivery, and rounds without bodies, before it starts anything', async () => {
    const options = { delivery: 'message' as const, departmentProcesses, measureFromTick: 1, protocol: true, bodies: true };
    await expect(rawLayoutHops({ url: redisUrl() }, { ...options, rounds })).rejects.toThrow(/bodies requested but tick 0's round from 0 has none/);
    await expect(rawLayoutHops({ url: redisUrl() }, { ...options, rounds: rounds.map(withBodies), delivery: 'tick' })).rejects.toThrow(/bodies are carried in message delivery only/);
  });
});
