// End to end: counterfactual forks (identical before the fork tick, different after) and comparisons (Welch
// intervals, effect sizes), with their pages drawn in Chromium.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPage, closeBrowser } from './support/chromium';
import { silolab, silolabOk, workFolder } from './support/silolab-cli';
import { readCsv } from './support/tables';

const work = workFolder('fork');
const parent = join(work, 'parent');
const branch = join(work, 'branch');
const AT = 15;
const lines = (dir: string) => readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n');

beforeAll(() => {
  silolabOk('run', 'workshop-small', '--seed', '11', '--ticks', '40', '--out', parent, '--no-progress');
  silolabOk('fork', parent, '--at', String(AT), '--set', 'policies.accountability.liabilityRegime=attributed', '--set', 'policies.incentives.pointsPerShare=3', '--out', branch);
});

afterAll(closeBrowser);

describe('silolab fork', () => {
  it("yields a branch whose metrics equal the parent's before the fork tick and differ after it", () => {
    const before = lines(parent);
    const after = lines(branch);
    expect(after).toHaveLength(41);
    expect(after.slice(0, AT + 1)).toEqual(before.slice(0, AT + 1));
    const differing = after.slice(AT + 1).filter((line, i) => line !== before[AT + 1 + i]).length;
    expect(differing).toBeGreaterThan(20);
    const fork = JSON.parse(readFileSync(join(branch, 'fork.json'), 'utf8'));
    expect(fork).toMatchObject({ at: AT, equalBeforeFork: true, set: { 'policies.accountability.liabilityRegime': 'attributed', 'policies.incentives.pointsPerShare': 3 } });
    expect(fork.firstDifferentTick).toBeGreaterThanOrEqual(AT);
    const summary = JSON.parse(readFileSync(join(branch, 'summary.json'), 'utf8'));
    expect(summary.manifest.seed).toBe(11);
    expect(summary.digest).not.toBe(JSON.parse(readFileSync(join(parent, 'summary.json'), 'utf8')).digest);
  });

  it('forks a fork: the second branch repeats the first up to its own fork tick', () => {
    const second = join(work, 'second');
    silolabOk('fork', branch, '--at', '30', '--set', 'policies.incentives.pointsPerShare=0', '--out', second);
    expect(lines(second).slice(0, 31)).toEqual(lines(branch).slice(0, 31));
    expect(lines(second).slice(31)).not.toEqual(lines(branch).slice(31));
  });

  it('rejects a change that cannot be made during a run, or an unknown path, naming it', () => {
    const population = silolab('fork', parent, '--at', '5', '--set', 'population.datasetsPerDepartment=2', '--out', join(work, 'bad1'));
    expect(population.code).toBe(2);
    expect(population.stderr).toContain('--set population.datasetsPerDepartment: cannot be changed during a run');
    const unknown = silolab('fork', parent, '--at', '5', '--set', 'policies.incentives.pointPerShare=2', '--out', join(work, 'bad2'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--set policies.incentives');
    expect(unknown.stderr).toContain('pointPerShare');
    const late = silolab('fork', parent, '--at', '40', '--set', 'policies.incentives.pointsPerShare=2', '--out', join(work, 'bad3'));
    expect(late.code).toBe(2);
    expect(late.stderr).toContain('--at 40: the parent run has 40 ticks (0–39)');
    expect(late.stderr).not.toContain('invalid scenario');
    expect(existsSync(join(work, 'bad1'))).toBe(false);
  });

  it('draws both branches on one chart per metric in fork.html', async () => {
    const check = await checkPage(join(branch, 'fork.html'), join(work, 'fork.png'));
    expect(check.errors).toEqual([]);
    expect(check.externalRequests).toEqual([]);
    expect(check.charts).toBeGreaterThanOrEqual(10);
    for (const inked of check.inkedPixels) expect(inked).toBeGreaterThan(2000);
  });
});

describe('silolab compare', () => {
  it('compares two runs after the fork on their autocorrelated ticks, saying which ticks each mean used', async () => {
    const out = join(work, 'compare');
    const stdout = silolabOk('compare', parent, branch, '--from', String(AT), '--metrics', 'sharingRate,siloIndex,refusals.unwilling', '--out', out);
    expect(stdout).toContain('one run; ticks 15–39');
    const rows = readCsv(join(out, 'compare.csv'));
    expect(rows.map((row) => row.metric)).toEqual(['sharingRate', 'siloIndex', 'refusals.unwilling']);
    for (const row of rows) {
      expect(row).toMatchObject({ confidence: '0.95', test: 'welch-autocorrelated' });
      // The ticks used start at or after --from (MSER-5 may drop a warm-up) and end at the last tick.
      expect(row.ticksA).toMatch(/^(1[5-9]|2\d|3\d)–39$/);
      expect(Number(row.nA)).toBe(40 - Number(row.ticksA.split('–')[0]));
      expect(Number(row.difference)).toBeCloseTo(Number(row.meanB) - Number(row.meanA), 12);
      expect(Number(row.ciLow)).toBeLessThan(Number(row.ciHigh));
      expect(Number.isFinite(Number(row.hedgesG))).toBe(true);
    }
    const check = await checkPage(join(out, 'compare.html'), join(work, 'compare.png'));
    expect(check.errors).toEqual([]);
    expect(check.charts).toBe(4);
    for (const inked of check.inkedPixels) expect(inked).toBeGreaterThan(1000);
  });

  it('suggests the closest metric name for a typo in --metrics', () => {
    const result = silolab('compare', parent, branch, '--metrics', 'sharingrate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no column "sharingrate" (did you mean "sharingRate"?)');
  });

  it('refuses to compare a run with a sweep, or a folder that is neither', () => {
    const result = silolab('compare', parent, work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('neither a sweep folder');
  });
});
