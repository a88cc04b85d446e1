import type { Parameter } from '../design/parameter';
import { outcomeReader, parameterCell, parameterKind, runColumns, tableMetricKeys, tickColumns } from './run-columns';

const incentive: Parameter = { kind: 'levels', path: 'policies.incentives.pointsPerShare', values: [0, 1, 2] };
const regime: Parameter = { kind: 'levels', path: 'policies.accountability.liabilityRegime', values: ['owner', 'holder'] };
const audit: Parameter = { kind: 'range', path: 'policies.accountability.auditRate', min: 0, max: 1, integer: false, scale: 'linear' };

describe('parameterKind and parameterCell', () => {
  it('stores numbers and ranges as doubles, words as strings, booleans as booleans, anything else as JSON text', () => {
    expect(parameterKind(incentive)).toBe('double');
    expect(parameterKind(audit)).toBe('double');
    expect(parameterKind(regime)).toBe('string');
    expect(parameterKind({ kind: 'levels', path: 'p', values: [true, false] })).toBe('boolean');
    const mixed: Parameter = { kind: 'levels', path: 'p', values: [1, 'a'] };
    expect(parameterKind(mixed)).toBe('string');
    expect(parameterCell(1, 'string')).toBe('1');
    expect(parameterCell({ b: 1, a: [2] }, 'string')).toBe('{"a":[2],"b":1}');
    expect(parameterCell('owner', 'string')).toBe('owner');
    expect(parameterCell(0.5, 'double')).toBe(0.5);
  });
});

describe('tableMetricKeys', () => {
  it("keeps the plan's order, appends keys only finished runs reported in sorted order, and leaves out tick", () => {
    expect(tableMetricKeys(['tick', 'sharingRate', 'siloIndex'], ['zeta', 'sharingRate', 'alpha'])).toEqual(['sharingRate', 'siloIndex', 'alpha', 'zeta']);
  });
});

describe('runColumns and tickColumns', () => {
  it('lays out runs.csv: identity, parameters, seed, digest, exchanges, then final, mean and total outcomes', () => {
    const columns = runColumns([incentive, regime], ['sharingRate']);
    expect(columns.map((c) => c.name)).toEqual([
      'run', 'point', 'replication',
      'policies.incentives.pointsPerShare', 'policies.accountability.liabilityRegime',
      'seed', 'digest', 'exchanges',
      'final.sharingRate', 'mean.sharingRate',
      'total.refusals.unwilling', 'total.refusals.unable', 'total.refusals.afraid',
      'total.blocked.unwilling', 'total.blocked.unable', 'total.blocked.afraid',
    ]);
    expect(columns.map((c) => c.kind).slice(0, 8)).toEqual(['int32', 'int32', 'int32', 'double', 'string', 'int64', 'string', 'int64']);
    // Counts stay whole numbers: totals over the run are INT64; rates and averages are doubles.
    expect(columns.slice(8).map((c) => c.kind)).toEqual(['double', 'double', 'count', 'count', 'count', 'count', 'count', 'count']);
    expect(runColumns([], ['refusals.afraid']).filter((c) => c.name.endsWith('refusals.afraid')).map((c) => `${c.name}:${c.kind}`)).toEqual([
      'final.refusals.afraid:count', 'mean.refusals.afraid:double', 'total.refusals.afraid:count',
    ]);
  });

  it('lays out ticks.parquet: identity, parameters, seed, tick, then every metric (counts as integers)', () => {
    expect(tickColumns([audit], ['sharingRate', 'siloIndex', 'requests']).map((c) => `${c.name}:${c.kind}`)).toEqual([
      'run:int32', 'point:int32', 'replication:int32', 'policies.accountability.auditRate:double', 'seed:int64', 'tick:int32', 'sharingRate:double', 'siloIndex:double', 'requests:count',
    ]);
  });
});

describe('outcomeReader', () => {
  const read = outcomeReader({ metricKeys: ['sharingRate', 'siloIndex'], final: [0.25, null], mean: [0.2, 0.7], totals: { 'refusals.afraid': 12 } });

  it('reads final and mean values by column name, in the record’s own metric order', () => {
    expect(read('final.sharingRate')).toBe(0.25);
    expect(read('mean.siloIndex')).toBe(0.7);
  });

  it('reads run totals of the known counts only', () => {
    expect(read('total.refusals.afraid')).toBe(12);
    expect(read('total.refusals.unable')).toBeNull();
    expect(read('total.somethingElse')).toBeNull();
  });

  it('gives null for a missing value, an unknown metric or an unknown statistic', () => {
    expect(read('final.siloIndex')).toBeNull();
    expect(read('final.modularity')).toBeNull();
    expect(read('median.sharingRate')).toBeNull();
  });
});
