import fc from 'fast-check';
import { KeyedRandom } from '@silolab/engine';
import { intervalFromMoments, meanInterval } from './mean-interval';
import { RunningMoments } from './running-moments';

/** Standard normal draws from a keyed source (Box–Muller), so the coverage check is deterministic. */
function normals(seed: number, count: number): number[] {
  const random = new KeyedRandom(seed);
  const key = random.key('test.normal');
  return Array.from({ length: count }, (_, i) => {
    const u = 1 - random.uniform(key, 0, i, 0);
    const v = random.uniform(key, 0, i, 1);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  });
}

describe('meanInterval', () => {
  it('gives the t interval of a small sample (mean ± t₀.₉₇₅,₃ · s/√n)', () => {
    const interval = meanInterval([1, 2, 3, 4]);
    expect(interval.mean).toBe(2.5);
    expect(interval.sd).toBeCloseTo(1.2909944, 6);
    expect(interval.ciLow).toBeCloseTo(0.4457397, 6);
    expect(interval.ciHigh).toBeCloseTo(4.5542603, 6);
  });

  it('has no spread or interval with a single replication', () => {
    const interval = meanInterval([0.7]);
    expect(interval).toMatchObject({ n: 1, mean: 0.7 });
    expect(interval.sd).toBeNaN();
    expect(interval.ciLow).toBeNaN();
  });

  it('collapses to the mean when every replication agrees', () => {
    expect(meanInterval([3, 3, 3])).toMatchObject({ mean: 3, sd: 0, ciLow: 3, ciHigh: 3 });
  });

  it('covers the true mean about 95 % of the time with five replications', () => {
    const draws = normals(2024, 5 * 4000);
    let covered = 0;
    for (let k = 0; k < 4000; k++) {
      const { ciLow, ciHigh } = meanInterval(draws.slice(5 * k, 5 * k + 5));
      if (ciLow <= 0 && 0 <= ciHigh) covered++;
    }
    expect(covered / 4000).toBeGreaterThan(0.935);
    expect(covered / 4000).toBeLessThan(0.965);
  });

  it('always contains the sample mean, and narrows as the level falls', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 40 }), (values) => {
        const wide = meanInterval(values, 0.99);
        const narrow = meanInterval(values, 0.8);
        expect(wide.ciLow).toBeLessThanOrEqual(wide.mean + 1e-9 * Math.abs(wide.mean));
        expect(wide.ciHigh).toBeGreaterThanOrEqual(wide.mean - 1e-9 * Math.abs(wide.mean));
        expect(narrow.ciHigh - narrow.ciLow).toBeLessThanOrEqual(wide.ciHigh - wide.ciLow + 1e-9);
      }),
    );
  });

  it('agrees with the streamed (Welford) moments', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 2, maxLength: 60 }), (values) => {
        const moments = new RunningMoments();
        values.forEach((v) => moments.push(v));
        const direct = meanInterval(values);
        const streamed = intervalFromMoments(moments.n, moments.mean, moments.sd);
        expect(streamed.mean).toBeCloseTo(direct.mean, 6);
        expect(streamed.ciHigh).toBeCloseTo(direct.ciHigh, 6);
      }),
    );
  });
});
