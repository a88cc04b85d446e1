import { summariseSeries } from '../statistics/series-summary';
import { compareSides, type ComparisonSide, type SampleGroup } from './compare-sides';

const group = (params: Record<string, string>, values: Record<string, number[]>): SampleGroup => ({ params, values });
const side = (kind: ComparisonSide['kind'], parameters: string[], groups: SampleGroup[]): ComparisonSide => ({
  kind,
  dir: `/tmp/${kind}`,
  label: kind,
  columns: [],
  defaultMetrics: [],
  parameters,
  groups,
  note: '',
});

describe('compareSides', () => {
  it('pairs the points of two sweeps by their shared parameters and compares B − A per point', () => {
    const a = side('sweep', ['x'], [group({ x: '1' }, { m: [1, 2, 3] }), group({ x: '2' }, { m: [10, 11, 12] })]);
    const b = side('sweep', ['x'], [group({ x: '2' }, { m: [20, 21, 22] }), group({ x: '1' }, { m: [4, 5, 6] })]);
    const report = compareSides(a, b, ['m'], []);
    expect(report.matching).toBe('points');
    expect(report.rows.map((row) => [row.group, row.meanA, row.meanB, row.difference])).toEqual([
      ['x=1', 2, 5, 3],
      ['x=2', 11, 21, 10],
    ]);
    expect(report.notes).toEqual(['p (Holm) adjusts the 2 p-values of this table for multiple testing']);
  });

  it('pools every run of each side when the parameters that match were used to select the sides', () => {
    const a = side('sweep', ['x'], [group({ x: '1' }, { m: [1, 3] }), group({ x: '2' }, { m: [5, 7] })]);
    const b = side('sweep', ['x'], [group({ x: '1' }, { m: [2, 4] })]);
    const report = compareSides(a, b, ['m'], ['x']);
    expect(report.matching).toBe('pooled');
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ group: 'all', nA: 4, meanA: 4, nB: 2, meanB: 3, difference: -1 });
    expect(report.notes).toContain('points do not match between the sides: all selected runs of each side are pooled');
  });

  it('leaves out points without a partner and says how many', () => {
    const a = side('sweep', ['x'], [group({ x: '1' }, { m: [1, 2] }), group({ x: '3' }, { m: [1, 2] })]);
    const b = side('sweep', ['x'], [group({ x: '1' }, { m: [3, 4] }), group({ x: '4' }, { m: [1, 2] })]);
    const report = compareSides(a, b, ['m'], []);
    expect(report.rows.map((row) => row.group)).toEqual(['x=1']);
    expect(report.notes).toContain('2 point(s) without a partner on the other side are left out');
  });

  it('compares two sweeps pooled, with Welch intervals around the difference and a labelled effect size', () => {
    const a = side('sweep', [], [group({}, { m: [1, 2, 3, 4, 5] })]);
    const b = side('sweep', [], [group({}, { m: [6, 7, 8, 9, 10] })]);
    const [row] = compareSides(a, b, ['m'], [], 0.9).rows;
    expect(row).toMatchObject({ group: 'all', metric: 'm', difference: 5, level: 0.9, effect: 'large', test: 'welch' });
    expect(row.ciLow).toBeLessThan(5);
    expect(row.ciHigh).toBeGreaterThan(5);
    expect(row.intervalA.mean).toBe(3);
    expect(row.intervalB.mean).toBe(8);
  });

  it('notes that intervals need two samples a side', () => {
    const report = compareSides(side('sweep', [], [group({}, { m: [1] })]), side('sweep', [], [group({}, { m: [2, 3] })]), ['m'], []);
    expect(report.notes).toContain('intervals need at least two samples a side: use replications (sweeps) or more ticks (runs)');
  });

  it('pairs runs of one sweep with common seeds by seed, and says so', () => {
    const a = { ...side('sweep', ['x'], [{ params: { x: '0' }, values: { m: [10, 20, 30] }, seeds: [7, 8, 9] }]), commonSeeds: true, identity: 'h' };
    const b = { ...side('sweep', ['x'], [{ params: { x: '1' }, values: { m: [31.2, 11, 21.5] }, seeds: [9, 7, 8] }]), commonSeeds: true, identity: 'h' };
    const report = compareSides(a, b, ['m'], ['x']);
    expect(report.rows[0].test).toBe('paired');
    expect(report.rows[0].df).toBe(2);
    expect(report.notes).toContain('the sweep uses common seeds: runs of the two sides with the same seed are paired (paired t)');
  });

  it('says the test is undefined when neither side varies, and adjusts p-values over the table (Holm)', () => {
    const a = side('sweep', [], [group({}, { m: [0, 0, 0], k: [1, 2, 3] })]);
    const b = side('sweep', [], [group({}, { m: [0, 0, 0], k: [4, 5, 7] })]);
    const report = compareSides(a, b, ['m', 'k'], []);
    expect(report.rows[0].p).toBeNaN();
    expect(report.notes).toContain('no spread on either side, so no test (p undefined): m');
    expect(report.rows[1].pHolm).toBeCloseTo(report.rows[1].p, 12);
  });

  it('warns that a window metric is too autocorrelated for a short run, and not a per-tick rate', () => {
    // A slowly wandering series (like a sliding-window metric) against independent noise (like a per-tick rate).
    const wander = Array.from({ length: 60 }, (_, t) => 0.5 + 0.2 * Math.sin(t / 6));
    const noise = Array.from({ length: 60 }, (_, t) => 0.3 + 0.05 * Math.sin(t * 2.3) * Math.cos(t * 7.1));
    const run = (shift: number): SampleGroup => ({ params: {}, values: {}, series: { siloIndex: summariseSeries(wander.map((v) => v + shift), 0, 'none'), sharingRate: summariseSeries(noise.map((v) => v + shift), 0, 'none') } });
    const report = compareSides(side('run', [], [run(0)]), side('run', [], [run(0.01)]), ['siloIndex', 'sharingRate'], []);
    expect(report.warnings.filter((w) => w.includes('autocorrelated')).map((w) => w.split(' ')[0])).toEqual(['siloIndex', 'siloIndex']);
    expect(report.rows[0]).toMatchObject({ test: 'welch-autocorrelated', ticksA: '0–59' });
  });
});
