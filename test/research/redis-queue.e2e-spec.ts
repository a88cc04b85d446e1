// End to end on a real Redis: a sweep through `--queue redis`, worked by two `silolab sweep-worker` processes, gives
// the same runs (same per-run digests, the same runs.csv) as the local sweep.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { exited, silolab, silolabOk, startSilolab, workFolder } from './support/silolab-cli';
import { readCsv } from './support/tables';

const redisUrl = process.env.REDIS_URL_TEST!;
const prefix = `research-${process.pid}-${Date.now().toString(36)}`;
const work = workFolder('redis-sweep');
const sweepFile = join(work, 'queue-test.yaml');

writeFileSync(
  sweepFile,
  `name: queue-test
scenario: workshop-small
ticks: 15
replications: 3
rootSeed: 5
parameters:
  policies.incentives.pointsPerShare: [0, 1.5]
  policies.accountability.liabilityRegime: [owner, holder]
metrics: [sharingRate, total.refusals.afraid]
`,
);

describe('silolab sweep --queue redis with two sweep-workers', () => {
  const workers = [0, 1].map(() => startSilolab('sweep-worker', '--redis', redisUrl, '--prefix', prefix));

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map(exited));
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('gives the same per-run digests as the local sweep, with both workers taking runs', async () => {
    const local = join(work, 'local');
    const queued = join(work, 'queued');
    silolabOk('sweep', sweepFile, '--out', local, '--workers', '2', '--no-progress');
    const stdout = silolabOk('sweep', sweepFile, '--out', queued, '--queue', 'redis', '--redis', redisUrl, '--prefix', prefix, '--no-progress');
    expect(stdout).toContain('complete: 12/12 runs');
    expect(stdout).toContain(`sweep-workers on ${redisUrl}`);
    const digests = (dir: string) => readCsv(join(dir, 'runs.csv')).map((row) => `${row.run}:${row.seed}:${row.digest}`);
    expect(digests(queued)).toEqual(digests(local));
    expect(readFileSync(join(queued, 'runs.csv'), 'utf8')).toBe(readFileSync(join(local, 'runs.csv'), 'utf8'));
    // The sweeps above ran synchronously: let the workers' output events arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const runsBy = workers.map((worker) => (worker.output().match(/ run \d+: /g) ?? []).length);
    expect(runsBy[0] + runsBy[1]).toBe(12);
    expect(runsBy[0]).toBeGreaterThan(0);
    expect(runsBy[1]).toBeGreaterThan(0);
  });

  it('names an unreachable Redis and writes nothing', () => {
    const out = join(work, 'unreachable');
    const result = silolab('sweep', sweepFile, '--out', out, '--queue', 'redis', '--redis', 'redis://127.0.0.1:1', '--no-progress');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
    expect(existsSync(out)).toBe(false);
  });

  it('leaves no results queue behind once the sweep is complete', async () => {
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:sweep-results.*`);
    await redis.quit();
    expect(keys).toEqual([]);
  });
});
