import { capIssues, clipText, MAX_ISSUE_MESSAGE, MAX_ISSUE_PATH, MAX_LISTED_ISSUES, namesList, ScenarioError } from './scenario-error';

describe('scenario errors', () => {
  it('clips long text to its first characters and says how long it was, keeping a surrogate pair whole', () => {
    expect(clipText('short', 10)).toBe('short');
    expect(clipText('abcdefghij', 10)).toBe('abcdefghij');
    expect(clipText('abcdefghijk', 10)).toBe('abcdefghij… (11 characters)');
    // '😀' is two UTF-16 units; the cut would fall between them, so the whole character goes.
    expect(clipText('abcdefghi😀z', 10)).toBe('abcdefghi… (12 characters)');
  });

  it('lists a dozen names with long ones clipped, and counts the rest', () => {
    expect(namesList(['a', 'b'])).toBe('a, b');
    expect(namesList(['a', 'z'.repeat(100)])).toBe(`a, ${'z'.repeat(40)}… (100 characters)`);
    const many = Array.from({ length: 20 }, (_, i) => `n${i}`);
    expect(namesList(many)).toBe('n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, … and 8 more (20 in all)');
  });

  it('keeps thirty issues, each path and message clipped, and counts the rest', () => {
    const issues = Array.from({ length: 45 }, (_, i) => ({ path: `k${i}.${'p'.repeat(1000)}`, message: `m${i} ${'q'.repeat(5000)}` }));
    const capped = capIssues(issues);
    expect(capped).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(capped[0].path.startsWith(`k0.${'p'.repeat(MAX_ISSUE_PATH - 3)}… (1003 characters)`)).toBe(true);
    expect(capped[0].message).toBe(`m0 ${'q'.repeat(MAX_ISSUE_MESSAGE - 3)}… (5003 characters)`);
    expect(capped[MAX_LISTED_ISSUES]).toEqual({ path: '(more)', message: '… and 15 more problems of the same input' });
  });

  it('bounds a whole error message whatever the issues quote', () => {
    const issues = Array.from({ length: 1000 }, () => ({ path: 'x'.repeat(100_000), message: 'y'.repeat(100_000) }));
    const error = new ScenarioError('big.yaml', issues);
    expect(error.message.length).toBeLessThan((MAX_LISTED_ISSUES + 1) * (MAX_ISSUE_PATH + MAX_ISSUE_MESSAGE + 60));
    expect(error.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
  });
});
