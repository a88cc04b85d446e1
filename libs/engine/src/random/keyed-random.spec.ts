import fc from 'fast-check';
import { KeyedRandom } from './keyed-random';

describe('keyed random', () => {
  it('gives the same draw for the same seed, purpose, tick and ids, whatever was drawn before', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(1000), fc.nat(100000), fc.nat(100000), (seed, tick, a, b) => {
        const first = new KeyedRandom(seed);
        const second = new KeyedRandom(seed);
        second.uniform(second.key('other'), 3, 4, 5);
        expect(first.uniform(first.key('decide'), tick, a, b)).toBe(second.uniform(second.key('decide'), tick, a, b));
      }),
    );
  });

  it('draws independently for different purposes, seeds and ids', () => {
    const random = new KeyedRandom(7);
    const decide = random.key('decide');
    expect(random.uniform(decide, 1, 2, 3)).not.toBe(random.uniform(random.key('leak'), 1, 2, 3));
    expect(random.uniform(decide, 1, 2, 3)).not.toBe(new KeyedRandom(8).uniform(new KeyedRandom(8).key('decide'), 1, 2, 3));
    expect(random.uniform(decide, 1, 2, 3)).not.toBe(random.uniform(decide, 1, 3, 2));
  });

  it('is close to uniform on [0, 1) over consecutive ids (chi-square over 20 bins)', () => {
    const random = new KeyedRandom(42);
    const key = random.key('test');
    const bins = new Array(20).fill(0);
    const draws = 200000;
    let min = 1;
    let max = 0;
    for (let i = 0; i < draws; i++) {
      const u = random.uniform(key, 0, i);
      min = Math.min(min, u);
      max = Math.max(max, u);
      bins[Math.floor(u * 20)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const expected = draws / 20;
    const chiSquare = bins.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(43.8); // 99.9th percentile of χ² with 19 degrees of freedom
  });

  it('rejects a seed that is not a non-negative safe integer', () => {
    expect(() => new KeyedRandom(-1)).toThrow(/seed/);
    expect(() => new KeyedRandom(1.5)).toThrow(/seed/);
  });
});
