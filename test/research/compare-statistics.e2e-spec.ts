// End to end: honest statistics in `silolab compare`. Two single runs: the warning for a metric too autocorrelated
// for the run's length fires on the sliding-window silo index and not on the per-tick sharing rate, and the ticks
// each mean used are stated. A sweep with common seeds: runs are paired by seed, p-values are Holm-adjusted, an
// empty selection names its side and the valid levels, and the factorial design gets its ANOVA.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silolab, silolabOk, workFolder } from './support/silolab-cli';
import { readCsv } from './support/tables';

const work = workFolder('compare-statistics');

describe('silolab compare on two runs', () => {
  const a = join(work, 'a');
  const b = join(work, 'b');
  beforeAll(() => {
    silolabOk('run', 'baseline-silos', '--seed', '7', '--ticks', '120', '--out', a, '--no-progress');
    silolabOk('run', 'baseline-silos', '--seed', '8', '--ticks', '120', '--out', b, '--no-progress', '--set', 'policies.incentives.pointsPerShare=0.5');
  });

  it('warns that the window metric siloIndex is autocorrelated, and not the per-tick sharingRate, keeping intervals in range', () => {
    const out = join(work, 'compare');
    const text = silolabOk('compare', a, b, '--metrics', 'siloIndex,sharingRate,refusals.afraid', '--out', out);
    const report = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    const autocorrelated = report.warnings.filter((w: string) => w.includes('autocorrelated'));
    expect(autocorrelated.length).toBeGreaterThan(0);
    expect(autocorrelated.some((w: string) => w.startsWith('siloIndex'))).toBe(true);
    expect(autocorrelated.some((w: string) => w.startsWith('sharingRate'))).toBe(false);
    const [silo, sharing] = report.rows;
    expect(silo.tauA).toBeGreaterThan(3 * sharing.tauA);
    expect(sharing.effectiveNA).toBeGreaterThan(10);
    // Each side states the ticks its mean used: from the end of the MSER-5 warm-up to the last tick.
    expect(silo.ticksA).toMatch(/^\d+–119$/);
    expect(Number(silo.ticksA.split('–')[0])).toBeGreaterThan(0);
    expect(text).toMatch(/warning: siloIndex \(A\) is too autocorrelated for the run's length/);
    expect(text).not.toMatch(/warning: sharingRate/);
    // Intervals stay inside each metric's range: the silo index in 0..1, refusal counts above 0.
    for (const row of report.rows) {
      expect(row.intervalA.ciLow).toBeGreaterThanOrEqual(0);
      expect(row.intervalB.ciLow).toBeGreaterThanOrEqual(0);
    }
    expect(silo.intervalA.ciHigh).toBeLessThanOrEqual(1);
  });
});

describe('silolab compare on a sweep with common seeds', () => {
  const out = join(work, 'sweep');
  beforeAll(() => {
    const file = join(work, 'paired.yaml');
    writeFileSync(
      file,
      `name: paired
scenario: workshop-small
ticks: 10
replications: 4
seeds: common
rootSeed: 2
parameters:
  policies.incentives.pointsPerShare: [0, 2]
  policies.accountability.liabilityRegime: [owner, attributed]
metrics: [sharingRate, total.refusals.unwilling, total.refusals.afraid]
`,
    );
    silolabOk('sweep', file, '--out', out, '--workers', '2', '--no-progress');
  });

  it('pairs runs with the same seed and adjusts p-values for the number of rows (Holm)', () => {
    const report = JSON.parse(silolabOk('compare', out, out, '--a-where', 'policies.incentives.pointsPerShare=0', '--b-where', 'policies.incentives.pointsPerShare=2', '--json'));
    expect(report.matching).toBe('points');
    expect(report.rows.every((r: { test: string }) => r.test === 'paired')).toBe(true);
    const ps = report.rows.map((r: { p: number | null }) => r.p).filter((p: number | null) => p !== null);
    const holm = report.rows.map((r: { pHolm: number | null }) => r.pHolm).filter((p: number | null) => p !== null);
    expect(Math.min(...holm)).toBeCloseTo(Math.min(...ps) * ps.length, 9);
  });

  it('names the side and the valid levels when --a-where selects nothing', () => {
    const result = silolab('compare', out, out, '--a-where', 'policies.incentives.pointsPerShare=1', '--b-where', 'policies.incentives.pointsPerShare=2');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(side A): no runs match --a-where policies.incentives.pointsPerShare=1 (levels: 0, 2)');
  });

  it('analyses the factorial design as a whole: main effects and their interaction in anova.csv', () => {
    expect(existsSync(join(out, 'anova.csv'))).toBe(true);
    const anova = readCsv(join(out, 'anova.csv'));
    const sharing = anova.filter((r) => r.metric === 'mean.sharingRate').map((r) => r.term);
    expect(sharing).toEqual(['policies.incentives.pointsPerShare', 'policies.accountability.liabilityRegime', 'policies.incentives.pointsPerShare × policies.accountability.liabilityRegime', 'replication (block)', 'residual']);
    const points = anova.find((r) => r.metric === 'mean.sharingRate' && r.term === 'policies.incentives.pointsPerShare')!;
    expect(Number(points.p)).toBeLessThan(0.001);
    expect(Number(points.pHolm)).toBeGreaterThanOrEqual(Number(points.p));
  });
});
