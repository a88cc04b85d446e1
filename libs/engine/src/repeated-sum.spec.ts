// addRepeated gives the float64 result of adding a value one step at a time, bit for bit.
import fc from 'fast-check';
import { addRepeated } from './repeated-sum';

function loop(sum: number, value: number, count: number): number {
  for (let i = 0; i < count; i++) sum += value;
  return sum;
}

/** Values that exercise ties: a few significant bits placed so that value/ulp is often exactly half an integer. */
const tieProne = fc.tuple(fc.integer({ min: 1, max: 2 ** 12 }), fc.integer({ min: 1, max: 60 })).map(([bits, shift]) => bits / 2 ** shift + 0.5);

describe('addRepeated', () => {
  it('equals adding the value count times, for sums and values of any magnitude', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e-300, noNaN: true })),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), tieProne, fc.constantFrom(0, 0.45, 0.55, 0.65, 0.75, 2 ** -60)),
        fc.integer({ min: 0, max: 200000 }),
        (sum, value, count) => {
          expect(Object.is(addRepeated(sum, value, count), loop(sum, value, count))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals the loop when every step is a tie (value exactly half-way between two multiples of the ulp)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30, max: 30 }), fc.integer({ min: 0, max: 2 ** 20 }), fc.integer({ min: 0, max: 64 }), fc.integer({ min: 3, max: 5000 }), (exponent, mantissa, q, count) => {
        const ulp = 2 ** (exponent - 52);
        const sum = 2 ** exponent + mantissa * ulp;
        const value = (q + 0.5) * ulp;
        expect(Object.is(addRepeated(sum, value, count), loop(sum, value, count))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('equals the loop across many binades: a default trust added over ten million pairs', () => {
    expect(addRepeated(0, 0.55, 10_000_000)).toBe(loop(0, 0.55, 10_000_000));
    expect(addRepeated(0.1, 0.65, 3_000_001)).toBe(loop(0.1, 0.65, 3_000_001));
  });

  it('stops early once the value no longer changes the sum, and refuses negative inputs', () => {
    expect(addRepeated(2 ** 60, 1, 1e15)).toBe(2 ** 60);
    expect(() => addRepeated(-1, 0.5, 3)).toThrow(/sum ≥ 0/);
    expect(() => addRepeated(1, 0.5, 2.5)).toThrow(/integer count/);
  });
});
