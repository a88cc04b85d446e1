// End to end: the shipped incentives × liability sweep through the built CLI — every output, its statistics, its
// report in a real Chromium, and any run reproduced alone with `silolab run`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPage, closeBrowser } from './support/chromium';
import { silolabOk, workFolder } from './support/silolab-cli';
import { readCsv, readParquet } from './support/tables';

const work = workFolder('shipped-sweep');
const out = join(work, 'incentives-x-liability');

beforeAll(() => {
  silolabOk('sweep', 'scenarios/sweeps/incentives-x-liability.yaml', '--out', out, '--workers', '2', '--no-progress');
});

afterAll(closeBrowser);

describe('silolab sweep scenarios/sweeps/incentives-x-liability.yaml', () => {
  it('writes runs.csv, runs.parquet, ticks.parquet, summary.csv, manifest.json and report.html', () => {
    for (const file of ['runs.csv', 'runs.parquet', 'ticks.parquet', 'summary.csv', 'manifest.json', 'report.html']) expect(existsSync(join(out, file))).toBe(true);
  });

  it('has one runs.csv row per run with its parameters, recorded seed, digest and final and time-averaged metrics', () => {
    const runs = readCsv(join(out, 'runs.csv'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(runs).toHaveLength(27);
    expect(manifest).toMatchObject({ status: 'complete', runs: 27, finishedRuns: 27, replications: 3, version: expect.any(String) });
    expect(manifest.sweepHash).toMatch(/^[0-9a-f]{64}$/);
    runs.forEach((row, i) => {
      expect(Number(row.run)).toBe(i);
      expect(row.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(Number(row.seed)).toBe(manifest.points[Number(row.point)].seeds[Number(row.replication)]);
      // Each run has the parameters of its point (run = point × 3 + replication).
      expect(Number(row.point)).toBe(Math.floor(i / 3));
      expect({ points: Number(row['policies.incentives.pointsPerShare']), regime: row['policies.accountability.liabilityRegime'] }).toEqual({
        points: manifest.points[Number(row.point)].params['policies.incentives.pointsPerShare'],
        regime: manifest.points[Number(row.point)].params['policies.accountability.liabilityRegime'],
      });
    });
    expect(new Set(runs.map((r) => r['policies.accountability.liabilityRegime']))).toEqual(new Set(['owner', 'holder', 'attributed']));
    expect(new Set(runs.map((r) => r.seed)).size).toBe(27);
  });

  it("has each run's final, time-averaged and total values as its ticks in ticks.parquet give them", () => {
    const runs = readCsv(join(out, 'runs.csv'));
    const ticks = readParquet(join(out, 'ticks.parquet'));
    for (const row of runs) {
      const own = ticks.filter((t) => t.run === Number(row.run)).sort((a, b) => Number(a.tick) - Number(b.tick));
      expect(own.map((t) => t.tick)).toEqual(Array.from({ length: 60 }, (_, tick) => tick));
      for (const metric of ['sharingRate', 'siloIndex', 'meanTrust']) {
        expect(Number(row[`final.${metric}`])).toBe(own[59][metric]);
        // Time averages start at averageFrom (20).
        const averaged = own.slice(20).map((t) => Number(t[metric]));
        expect(Number(row[`mean.${metric}`])).toBeCloseTo(averaged.reduce((s, v) => s + v, 0) / averaged.length, 12);
      }
      for (const reason of ['unwilling', 'unable', 'afraid']) {
        expect(Number(row[`total.refusals.${reason}`])).toBe(own.reduce((sum, t) => sum + Number(t[`refusals.${reason}`]), 0));
      }
    }
  });

  it("shows the essay's two remedies: incentives raise sharing and end unwillingness; attributed liability ends fear", () => {
    const runs = readCsv(join(out, 'runs.csv'));
    const at = (points: number, regime?: string) => runs.filter((r) => Number(r['policies.incentives.pointsPerShare']) === points && (!regime || r['policies.accountability.liabilityRegime'] === regime));
    const values = (rows: typeof runs, column: string) => rows.map((r) => Number(r[column]));
    // Every run with 3 points per share shares more, and refuses unwillingly less, than every run without points.
    expect(Math.min(...values(at(3), 'mean.sharingRate'))).toBeGreaterThan(Math.max(...values(at(0), 'mean.sharingRate')));
    expect(Math.max(...values(at(3), 'total.refusals.unwilling'))).toBeLessThan(Math.min(...values(at(0), 'total.refusals.unwilling')));
    // Without points, owners blamed for any leak refuse out of fear in every replication; attributed liability, never.
    expect(Math.min(...values(at(0, 'owner'), 'total.refusals.afraid'))).toBeGreaterThan(0);
    expect(values(at(0, 'attributed'), 'total.refusals.afraid')).toEqual([0, 0, 0]);
  });

  it('summarises each chosen metric per point with n, mean, sd and a 95 % t interval around the mean', () => {
    const summary = readCsv(join(out, 'summary.csv'));
    expect(Object.keys(summary[0])).toEqual(
      expect.arrayContaining(['point', 'policies.incentives.pointsPerShare', 'policies.accountability.liabilityRegime', 'metric', 'n', 'mean', 'sd', 'se', 'confidence', 'ciLow', 'ciHigh']),
    );
    expect(summary).toHaveLength(9 * 9);
    const runs = readCsv(join(out, 'runs.csv'));
    for (const row of summary) {
      expect(row).toMatchObject({ n: '3', missing: '0', confidence: '0.95' });
      expect(Number(row.ciLow)).toBeLessThanOrEqual(Number(row.mean) + 1e-12);
      expect(Number(row.ciHigh)).toBeGreaterThanOrEqual(Number(row.mean) - 1e-12);
      const values = runs.filter((r) => r.point === row.point).map((r) => Number(r[row.metric]));
      const mean = values.reduce((s, v) => s + v, 0) / 3;
      const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / 2);
      expect(Number(row.mean)).toBeCloseTo(mean, 9);
      expect(Number(row.sd)).toBeCloseTo(sd, 9);
      expect(Number(row.se)).toBeCloseTo(sd / Math.sqrt(3), 9);
      // t₀.₉₇₅ with 2 degrees of freedom is 4.3027; an interval that would leave the metric's range is built on the
      // logit scale (rates, indices) or cut at 0 (counts), and says so.
      if (Number(row.sd) === 0) expect(Number(row.ciHigh)).toBe(Number(row.mean));
      else if (row.interval === 't') expect((Number(row.ciHigh) - Number(row.mean)) / Number(row.se)).toBeCloseTo(4.302653, 4);
      else expect(Number(row.ciLow)).toBeGreaterThanOrEqual(0);
      expect(['t', 'logit', 't-truncated']).toContain(row.interval);
    }
  });

  it('stores the same runs in runs.parquet and one row per run and tick in ticks.parquet', () => {
    const csv = readCsv(join(out, 'runs.csv'));
    const parquet = readParquet(join(out, 'runs.parquet'));
    expect(parquet.map((r) => r.digest)).toEqual(csv.map((r) => r.digest));
    expect(parquet.map((r) => r.seed)).toEqual(csv.map((r) => Number(r.seed)));
    expect(parquet[5]['mean.siloIndex']).toBe(Number(csv[5]['mean.siloIndex']));
    const ticks = readParquet(join(out, 'ticks.parquet'));
    expect(ticks).toHaveLength(27 * 60);
    expect(ticks[61]).toMatchObject({ run: 1, tick: 1, 'policies.accountability.liabilityRegime': csv[1]['policies.accountability.liabilityRegime'] });
    const lastOfRun4 = ticks.find((t) => t.run === 4 && t.tick === 59)!;
    expect(lastOfRun4.sharingRate).toBe(Number(csv[4]['final.sharingRate']));
  });

  it('reproduces any run alone with silolab run and the recorded seed', () => {
    const row = readCsv(join(out, 'runs.csv'))[14];
    const summary = JSON.parse(
      silolabOk(
        'run', 'baseline-silos', '--seed', row.seed, '--ticks', '60', '--json', '--no-progress',
        '--set', 'policies.provenance=full',
        '--set', `policies.incentives.pointsPerShare=${row['policies.incentives.pointsPerShare']}`,
        '--set', `policies.accountability.liabilityRegime=${row['policies.accountability.liabilityRegime']}`,
      ),
    );
    expect(summary.digest).toBe(row.digest);
    for (const metric of ['sharingRate', 'siloIndex', 'serviceCompletion']) expect(summary.final[metric]).toBe(Number(row[`final.${metric}`]));
    expect(summary.refusals).toEqual({ unwilling: Number(row['total.refusals.unwilling']), unable: Number(row['total.refusals.unable']), afraid: Number(row['total.refusals.afraid']) });
  });

  it('draws every chart of report.html in Chromium, offline', async () => {
    const check = await checkPage(join(out, 'report.html'), join(work, 'report.png'));
    expect(check.errors).toEqual([]);
    expect(check.externalRequests).toEqual([]);
    // 9 metrics × 2 parameters, 9 metrics over time, and the two refusal-reason charts.
    expect(check.charts).toBe(29);
    expect(check.inkedPixels).toHaveLength(29);
    expect(check.kinds).toMatchObject({ parameter: 18, timeseries: 9, refusals: 2 });
    expect(check.cjkRenders).toBe(true);
    for (const inked of check.inkedPixels) expect(inked).toBeGreaterThan(2000);
    expect(existsSync(join(work, 'report.png'))).toBe(true);
  });
});
