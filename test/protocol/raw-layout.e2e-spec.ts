// The benchmark's raw BullMQ baseline in SiloLab's layout, on a real Redis: every exchange comes back, the job count is
// the one the bench compares with SiloLab's, and the two variants (signed and marked messages; one inbox per
// department process) do what they say. The built module is used: it spawns its service processes from dist/.
import path from 'node:path';
import Redis from 'ioredis';
import type { RawRound } from '../../bench/protocol/raw-layout';
import { redisUrl } from './support/run-nest-scenario';

type RawLayoutModule = Pick<typeof import('../../bench/protocol/raw-layout'), 'rawLayoutHops' | 'rawLayoutJobCount'>;
const { rawLayoutHops, rawLayoutJobCount } = require(path.resolve(__dirname, '../../dist/bench/protocol/raw-layout.js')) as RawLayoutModule;

/** A round of `n` requests among departments 0-3, every third one denied by the hub. */
function round(tick: number, n: number): RawRound {
  const requester = Array.from({ length: n }, (_unused, i) => i % 4);
  const owner = Array.from({ length: n }, (_unused, i) => (i + 1 + (i % 3)) % 4);
  const denied = Array.from({ length: n }, (_unused, i) => (i % 3 === 0 ? 1 : 0));
  return { tick, firstOrdinal: 0, requester, owner, denied };
}

/** Keys per kind under the run's prefix, read while the run's keys still exist (just after its last round). */
interface KeysSeen {
  departmentQueues: number;
  processQueues: number;
  marks: number;
}

async function keysSeen(redis: Redis): Promise<KeysSeen> {
  const count = async (pattern: string) => (await redis.keys(pattern)).length;
  return {
    departmentQueues: await count('bench-rawlayout-*:d[0-9]:*'),
    processQueues: await count('bench-rawlayout-*:p[0-9]:*'),
    marks: await count('bench-rawlayout-*.done:*'),
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
    // Nothing is left behind.
    expect(await redis.keys('bench-rawlayout-*')).toEqual([]);
  });
});
