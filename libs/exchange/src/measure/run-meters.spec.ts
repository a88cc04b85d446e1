import fc from 'fast-check';
import { percentile } from './run-meters';

describe('percentile', () => {
  it('gives the mean of the middle two as the median of an even count, and the middle one of an odd count', () => {
    // The bench reports a median of two or four rounds: the upper middle alone would flatter every such figure.
    expect(percentile([0.96, 0.89], 50)).toBeCloseTo(0.925, 12);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([5, 1, 3], 50)).toBe(3);
  });

  it('interpolates between the two nearest ranks, gives the extremes at 0 and 100, and NaN for nothing', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    // Rank 1 + 99 · p / 100 of the sorted values 1 … 100.
    expect(percentile(hundred, 99)).toBeCloseTo(99.01, 9);
    expect(percentile(hundred, 25)).toBeCloseTo(25.75, 9);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });

  it('lies between the least and the greatest value, rises with p, and leaves its input as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (values, p, q) => {
        const before = [...values];
        const [low, high] = p <= q ? [p, q] : [q, p];
        const a = percentile(values, low);
        const b = percentile(values, high);
        expect(values).toEqual(before);
        expect(a).toBeLessThanOrEqual(b);
        expect(a).toBeGreaterThanOrEqual(Math.min(...values));
        expect(b).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });
});
