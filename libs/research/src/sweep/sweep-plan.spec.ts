import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioText, type Scenario } from '@silolab/model';
import { executeRun, probeMetricKeys } from '../runs/execute-run';
import { SweepError } from './sweep-error';
import { planSweep, runJobOf } from './sweep-plan';

const base: Scenario = loadScenarioText(readFileSync(join(__dirname, '../../../../scenarios/workshop-small.yaml'), 'utf8'), 'workshop-small');
let metricKeys: string[];

beforeAll(async () => {
  metricKeys = await probeMetricKeys(base);
});

const sweep = (extra: Record<string, unknown>) => ({ name: 'test', scenario: 'workshop-small', ticks: 5, replications: 2, ...extra });

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    planSweep(input, base, metricKeys, 'test.yaml');
  } catch (error) {
    if (error instanceof SweepError) return error.issues;
    throw error;
  }
  throw new Error('expected the sweep to be rejected');
}

describe('planSweep', () => {
  it('crosses listed levels into a full factorial with replications, seeds and an interleaved order', () => {
    const plan = planSweep(sweep({ parameters: { 'policies.incentives.pointsPerShare': [0, 1, 2], 'policies.accountability.liabilityRegime': ['owner', 'attributed'] } }), base, metricKeys);
    expect(plan.points).toHaveLength(6);
    expect(plan.runCount).toBe(12);
    expect(plan.points[1].params).toEqual({ 'policies.incentives.pointsPerShare': 0, 'policies.accountability.liabilityRegime': 'attributed' });
    expect(new Set(plan.points.flatMap((p) => p.seeds)).size).toBe(12);
    // Replication 0 of every point is started before any replication 1.
    expect(Array.from(plan.order.slice(0, 6)).every((run) => run % 2 === 0)).toBe(true);
    expect([...plan.order].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('samples ranges with a Latin hypercube of `samples` points, crossed with the listed levels', () => {
    const plan = planSweep(
      sweep({ parameters: { 'policies.accountability.liabilityRegime': ['owner', 'holder'], 'policies.standards.adoption': { min: 0, max: 1 }, 'policies.incentives.pointsPerShare': { min: 0, max: 4 } }, samples: 8 }),
      base,
      metricKeys,
    );
    expect(plan.points).toHaveLength(16);
    const adoption = plan.points.slice(0, 8).map((p) => p.params['policies.standards.adoption'] as number);
    expect(adoption.map((x) => Math.floor(x * 8)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(plan.points[8].params['policies.standards.adoption']).toBe(adoption[0]);
  });

  it('gives the same plan, seeds and hashes for the same file, and another runs hash when a level changes', () => {
    const input = sweep({ parameters: { 'policies.incentives.pointsPerShare': [0, 1] } });
    const a = planSweep(input, base, metricKeys);
    const b = planSweep(structuredClone(input), base, metricKeys);
    expect(b.runsHash).toBe(a.runsHash);
    expect(b.points).toEqual(a.points);
    expect(planSweep(sweep({ parameters: { 'policies.incentives.pointsPerShare': [0, 2] } }), base, metricKeys).runsHash).not.toBe(a.runsHash);
    // Summary settings do not change the runs.
    expect(planSweep({ ...input, metrics: ['siloIndex'] }, base, metricKeys).runsHash).toBe(a.runsHash);
  });

  it('keeps the seeds of existing points when a level is added', () => {
    const small = planSweep(sweep({ parameters: { 'policies.incentives.pointsPerShare': [0, 1] } }), base, metricKeys);
    const large = planSweep(sweep({ parameters: { 'policies.incentives.pointsPerShare': [0, 0.5, 1] } }), base, metricKeys);
    expect(large.points[2].seeds).toEqual(small.points[1].seeds);
  });

  it('names the key path of every problem before any run starts', () => {
    const issues = issuesOf(
      sweep({
        parameters: {
          'policies.incentive.pointsPerShare': [0, 1],
          'policies.accountability.liabilityRegime': ['owner', 'nobody'],
          'policies.catalogue.coverage': { min: 0.5, max: 1.5 },
        },
        samples: 4,
        metrics: ['sharingrate'],
      }),
    );
    expect(issues).toEqual([
      { path: 'parameters.policies.incentive.pointsPerShare', message: expect.stringContaining('did you mean "incentives"') },
      { path: 'parameters.policies.accountability.liabilityRegime[1]', message: expect.stringContaining('expected one of') },
      { path: 'parameters.policies.catalogue.coverage.max', message: expect.stringContaining('<=1') },
      { path: 'metrics[0]', message: expect.stringContaining('did you mean "sharingRate"') },
    ]);
  });

  it('rejects unknown keys, missing samples and a value that is both fixed and varied', () => {
    expect(issuesOf(sweep({ replicatons: 3 }))).toEqual([{ path: 'replicatons', message: expect.stringContaining('Unrecognized key') }]);
    expect(issuesOf(sweep({ parameters: { 'policies.standards.adoption': { min: 0, max: 1 } } }))).toEqual([{ path: 'samples', message: expect.stringContaining('required with range parameters') }]);
    expect(issuesOf(sweep({ parameters: { 'policies.standards.adoption': [0.1] }, set: { 'policies.standards.adoption': 0.5 } }))).toEqual([
      { path: 'set.policies.standards.adoption', message: expect.stringContaining('also a varied parameter') },
    ]);
    expect(issuesOf(sweep({ parameters: { 'policies.standards.adoption': [0.1, 0.1] } }))).toEqual([{ path: 'parameters.policies.standards.adoption[1]', message: 'repeats the value at [0]' }]);
  });

  it('resolves bare metric names to time averages and keeps final./mean./total. columns', () => {
    const plan = planSweep(sweep({ metrics: ['sharingRate', 'final.siloIndex', 'total.refusals.afraid'] }), base, metricKeys);
    expect(plan.summaryColumns).toEqual(['mean.sharingRate', 'final.siloIndex', 'total.refusals.afraid']);
  });

  it('gives every run a job that reproduces it exactly', async () => {
    const plan = planSweep(sweep({ parameters: { 'policies.incentives.pointsPerShare': [0, 3] }, averageFrom: 2 }), base, metricKeys);
    const job = runJobOf(plan, 'test', 3);
    expect(job).toMatchObject({ run: 3, point: 1, replication: 1, seed: plan.points[1].seeds[1], ticks: 5, averageFrom: 2 });
    const first = await executeRun(job);
    const again = await executeRun(structuredClone(job));
    expect(again.digest).toBe(first.digest);
    expect(first.ticks).toHaveLength(5);
    const k = first.metricKeys.indexOf('sharingRate');
    expect(first.mean[k]).toBeCloseTo((first.ticks[2][k]! + first.ticks[3][k]! + first.ticks[4][k]!) / 3, 12);
    expect(first.final[k]).toBe(first.ticks[4][k]);
  });
});
