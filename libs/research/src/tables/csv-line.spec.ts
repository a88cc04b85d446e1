import { parseCsvLine } from './csv-line';

describe('parseCsvLine', () => {
  it('splits plain fields and keeps empty ones', () => {
    expect(parseCsvLine('a,1,,2.5,')).toEqual(['a', '1', '', '2.5', '']);
  });

  it('unquotes quoted fields, with commas and doubled quotes inside', () => {
    expect(parseCsvLine('"a,b","say ""hi""",c')).toEqual(['a,b', 'say "hi"', 'c']);
  });

  it('reads an empty line as one empty field', () => {
    expect(parseCsvLine('')).toEqual(['']);
  });
});
