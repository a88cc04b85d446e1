import fc from 'fast-check';
import { studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t';

describe("Student's t distribution", () => {
  it('gives the textbook 97.5 % quantiles', () => {
    // Critical values from any t table (two-sided 95 %).
    const table: Array<[number, number]> = [
      [1, 12.7062047],
      [2, 4.3026527],
      [3, 3.1824463],
      [5, 2.5705818],
      [10, 2.2281389],
      [30, 2.0422725],
      [1e7, 1.959964],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 5);
  });

  it('is symmetric about zero', () => {
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-studentTQuantile(0.975, 4), 12);
    expect(studentTCdf(-1.3, 7)).toBeCloseTo(1 - studentTCdf(1.3, 7), 12);
    expect(studentTQuantile(0.5, 3)).toBe(0);
  });

  it('inverts its own CDF for any probability and any (fractional) degrees of freedom', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.5, max: 500, noNaN: true }), (p, df) => {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 9);
      }),
    );
  });

  it('gives two-sided p-values that agree with the CDF', () => {
    expect(studentTTwoSidedP(2.2281389, 10)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSidedP(0, 10)).toBeCloseTo(1, 12);
  });

  it('rejects probabilities outside (0, 1) and non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});
