import fc from 'fast-check';
import { fullFactorial } from './factorial';
import { latinHypercube } from './latin-hypercube';
import { scaleToRange, type RangeParameter } from './parameter';
import { bitReversalOrder, interleavedRunOrder, spreadOrder } from './run-order';

describe('fullFactorial', () => {
  it('crosses every level with every other, the last factor fastest', () => {
    expect(fullFactorial([2, 3])).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
    expect(fullFactorial([])).toEqual([[]]);
  });
});

describe('latinHypercube', () => {
  it('puts exactly one sample in each stratum of every dimension', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 5 }), fc.nat(), (samples, dimensions, seed) => {
        const design = latinHypercube(samples, dimensions, seed);
        expect(design).toHaveLength(samples);
        for (let d = 0; d < dimensions; d++) {
          const strata = design.map((point) => Math.floor(point[d] * samples)).sort((a, b) => a - b);
          expect(strata).toEqual(Array.from({ length: samples }, (_, k) => k));
        }
      }),
    );
  });

  it('is the same for the same seed and differs for another', () => {
    expect(latinHypercube(10, 3, 7)).toEqual(latinHypercube(10, 3, 7));
    expect(latinHypercube(10, 3, 7)).not.toEqual(latinHypercube(10, 3, 8));
  });
});

describe('scaleToRange', () => {
  const range = (extra: Partial<RangeParameter>): RangeParameter => ({ kind: 'range', path: 'x', min: 1, max: 100, integer: false, scale: 'linear', ...extra });

  it('maps the unit interval onto linear, log and whole-number ranges', () => {
    expect(scaleToRange(range({}), 0.5)).toBe(50.5);
    expect(scaleToRange(range({ scale: 'log' }), 0.5)).toBeCloseTo(10, 10);
    expect(scaleToRange(range({ min: 0, max: 3, integer: true }), 0.99)).toBe(3);
    expect(scaleToRange(range({ min: 0, max: 3, integer: true }), 0)).toBe(0);
  });
});

describe('run order', () => {
  it('spreads a grid: the first five points of 5×5 are the centre and the four corners', () => {
    const grid = Array.from({ length: 25 }, (_, i) => [Math.floor(i / 5) / 4, (i % 5) / 4]);
    const order = spreadOrder(grid);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(order[0]).toBe(12);
    expect(order.slice(1, 5).sort((a, b) => a - b)).toEqual([0, 4, 20, 24]);
  });

  it('falls back to a bit-reversal permutation for very large designs', () => {
    expect(bitReversalOrder(8)).toEqual([0, 4, 2, 6, 1, 5, 3, 7]);
    expect([...bitReversalOrder(10)].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('starts replication r of every point before replication r + 1 of any', () => {
    expect(Array.from(interleavedRunOrder([2, 0, 1], 2))).toEqual([4, 0, 2, 5, 1, 3]);
  });
});
