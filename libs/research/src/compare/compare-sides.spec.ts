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
    expect(report.notes).toEqual([]);
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

  it('compares two runs pooled, with Welch intervals around the difference and a labelled effect size', () => {
    const a = side('run', [], [group({}, { m: [1, 2, 3, 4, 5] })]);
    const b = side('run', [], [group({}, { m: [6, 7, 8, 9, 10] })]);
    const [row] = compareSides(a, b, ['m'], [], 0.9).rows;
    expect(row).toMatchObject({ group: 'all', metric: 'm', difference: 5, level: 0.9, effect: 'large' });
    expect(row.ciLow).toBeLessThan(5);
    expect(row.ciHigh).toBeGreaterThan(5);
    expect(row.intervalA.mean).toBe(3);
    expect(row.intervalB.mean).toBe(8);
  });

  it('notes that intervals need two samples a side', () => {
    const report = compareSides(side('run', [], [group({}, { m: [1] })]), side('run', [], [group({}, { m: [2, 3] })]), ['m'], []);
    expect(report.notes).toContain('intervals need at least two samples a side: use replications (sweeps) or more ticks (runs)');
  });
});
