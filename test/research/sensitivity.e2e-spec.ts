// End to end: `silolab sensitivity` on a small real scenario — Morris through local workers and through the Redis
// queue (same indices), Sobol with its intervals — recovering what is known about the scenario: refusal penalties do
// nothing without audits (auditRate 0), so their indices are exactly 0; incentive points change sharing, so theirs
// are clearly above 0. The report draws one bar chart of indices per metric, in Chromium.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { checkPage, closeBrowser } from './support/chromium';
import { exited, silolab, silolabOk, startSilolab, workFolder } from './support/silolab-cli';
import { readCsv, readParquet } from './support/tables';

const redisUrl = process.env.REDIS_URL_TEST!;
const prefix = `sensitivity-${process.pid}-${Date.now().toString(36)}`;
const work = workFolder('sensitivity');

const file = (name: string, design: string) => {
  const path = join(work, `${name}.yaml`);
  writeFileSync(
    path,
    `name: ${name}
scenario: workshop-small
ticks: 12
replications: 1
seeds: common
rootSeed: 4
design: ${design}
parameters:
  policies.incentives.pointsPerShare: { min: 0, max: 3 }
  policies.accountability.refusalPenalty: { min: 0, max: 5 }
  policies.standards.adoption: { min: 0, max: 1 }
metrics: [sharingRate, total.refusals.unwilling]
`,
  );
  return path;
};
const morrisFile = file('morris-small', '{ method: morris, trajectories: 6, levels: 4, bootstrap: 200 }');
const sobolFile = file('sobol-small', '{ method: sobol, samples: 24, bootstrap: 200 }');
const indexOf = (rows: Array<Record<string, string>>, metric: string, parameter: string, index: string) => rows.find((r) => r.metric === metric && r.parameter === parameter && r.index === index)!;

afterAll(closeBrowser);

describe('silolab sensitivity (Morris)', () => {
  const local = join(work, 'morris');
  let stdout = '';
  beforeAll(() => {
    stdout = silolabOk('sensitivity', morrisFile, '--out', local, '--workers', '2', '--no-progress');
  });

  it('ranks the levers by μ*: a lever that cannot act (penalties without audits) has μ* = 0 exactly', () => {
    const rows = readCsv(join(local, 'sensitivity.csv'));
    expect(rows).toHaveLength(2 * 3 * 3);
    const inert = indexOf(rows, 'mean.sharingRate', 'policies.accountability.refusalPenalty', 'muStar');
    expect([Number(inert.estimate), Number(inert.ciLow), Number(inert.ciHigh)]).toEqual([0, 0, 0]);
    expect(inert.rank).toBe('3');
    const points = indexOf(rows, 'mean.sharingRate', 'policies.incentives.pointsPerShare', 'muStar');
    expect(Number(points.ciLow)).toBeGreaterThan(0.05);
    expect(Number(points.estimate)).toBeGreaterThan(Number(indexOf(rows, 'mean.sharingRate', 'policies.standards.adoption', 'muStar').ciLow) - 1);
    expect(stdout).toContain('Morris elementary effects over 6 trajectories');
    expect(stdout).toMatch(/3\s+policies\.accountability\.refusalPenalty\s+0\s+\[0, 0\]/);
  });

  it('writes the indices as Parquet too, and draws them in the report with the time series', async () => {
    const parquet = readParquet(join(local, 'sensitivity.parquet'));
    expect(parquet.map((r) => [r.metric, r.parameter, r.index, r.estimate])).toEqual(
      readCsv(join(local, 'sensitivity.csv')).map((r) => [r.metric, r.parameter, r.index, Number(r.estimate)]),
    );
    const check = await checkPage(join(local, 'report.html'), join(work, 'sensitivity-report.png'));
    expect(check.errors).toEqual([]);
    expect(check.kinds.sensitivity).toBe(2);
    expect(check.kinds.timeseries).toBe(2);
  });

  it('gives the same indices when the runs go through the Redis queue to a sweep-worker', async () => {
    const worker = startSilolab('sweep-worker', '--redis', redisUrl, '--prefix', prefix, '--quiet');
    try {
      const queued = join(work, 'morris-queued');
      silolabOk('sensitivity', morrisFile, '--out', queued, '--queue', 'redis', '--redis', redisUrl, '--prefix', prefix, '--no-progress');
      expect(readFileSync(join(queued, 'sensitivity.csv'), 'utf8')).toBe(readFileSync(join(local, 'sensitivity.csv'), 'utf8'));
    } finally {
      worker.kill('SIGTERM');
      await exited(worker);
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });
});

describe('silolab sensitivity (Sobol)', () => {
  it('gives the inert lever first-order and total indices of exactly 0, and incentive points a clear total index', () => {
    const out = join(work, 'sobol');
    silolabOk('sensitivity', sobolFile, '--out', out, '--workers', '2', '--no-progress');
    const rows = readCsv(join(out, 'sensitivity.csv'));
    for (const index of ['S1', 'ST']) expect(Number(indexOf(rows, 'mean.sharingRate', 'policies.accountability.refusalPenalty', index).estimate)).toBe(0);
    const total = indexOf(rows, 'mean.sharingRate', 'policies.incentives.pointsPerShare', 'ST');
    expect(Number(total.ciLow)).toBeGreaterThan(0.1);
    expect(total.rank).toBe('1');
    expect(readCsv(join(out, 'runs.csv'))).toHaveLength(24 * 5);
  });

  it('refuses a file whose design is not a sensitivity design, naming the key', () => {
    const grid = join(work, 'grid.yaml');
    writeFileSync(grid, 'name: grid\nscenario: workshop-small\nticks: 5\nparameters:\n  policies.incentives.pointsPerShare: [0, 1]\n');
    const result = silolab('sensitivity', grid, '--out', join(work, 'grid-out'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('design: a sensitivity analysis needs design: morris or design: sobol');
  });
});
