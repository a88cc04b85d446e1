import { DESIGN_FILE_LIMITS, externalParameters, parseDesignCsv } from './external-design';

describe('parseDesignCsv', () => {
  it('reads a header of paths and rows of numbers, booleans and words (a SALib design saved with a header)', () => {
    const parsed = parseDesignCsv('a.b,c,d\n1.5,true,owner\n-2e-1,false,"holder"\n');
    expect('design' in parsed && parsed.design.points.map((p) => Object.fromEntries(p))).toEqual([
      { 'a.b': 1.5, c: true, d: 'owner' },
      { 'a.b': -0.2, c: false, d: 'holder' },
    ]);
  });

  it('names every problem by line: a header of numbers, a short row, a blank value', () => {
    expect(parseDesignCsv('0.1,0.2\n0.3,0.4\n')).toEqual({ issues: [expect.objectContaining({ path: 'design.file:1', message: expect.stringContaining('must name the parameters') }), expect.anything()] });
    const rows = parseDesignCsv('x,y\n1,2\n3\n4,\n');
    expect('issues' in rows && rows.issues).toEqual([
      { path: 'design.file:3', message: '1 values for 2 columns' },
      { path: 'design.file:4', message: 'no value for y' },
    ]);
  });

  it('refuses more rows than the limit before parsing them', () => {
    const text = 'x\n' + '1\n'.repeat(11);
    expect(parseDesignCsv(text, { ...DESIGN_FILE_LIMITS, points: 10 })).toEqual({ issues: [{ path: 'design.file', message: '11 rows: at most 10 points are allowed' }] });
  });

  it('describes numeric columns as ranges and others as lists of levels', () => {
    const parsed = parseDesignCsv('x,y\n2,a\n1,b\n3,a\n');
    expect('design' in parsed && externalParameters(parsed.design)).toEqual([
      { kind: 'range', path: 'x', min: 1, max: 3, integer: true, scale: 'linear' },
      { kind: 'levels', path: 'y', values: ['a', 'b'] },
    ]);
  });
});
