import { batchMeans } from './batch-means';
import { effectSize } from './effect-size';
import { pairedDifference, welchDifference, welchFromMoments } from './welch';

describe('welchDifference', () => {
  it("matches R's t.test(b, a) for unequal variances", () => {
    // R: t.test(c(2,4,6,9), c(1,2,3,4)) → t = 1.6906, df = 4.0836, p = 0.1647, 95 % CI -1.729925 7.229925
    const result = welchDifference([1, 2, 3, 4], [2, 4, 6, 9]);
    expect(result.difference).toBe(2.75);
    expect(result.t).toBeCloseTo(1.6906, 4);
    expect(result.df).toBeCloseTo(4.0836, 4);
    expect(result.p).toBeCloseTo(0.1647, 4);
    expect(result.ciLow).toBeCloseTo(-1.729925, 5);
    expect(result.ciHigh).toBeCloseTo(7.229925, 5);
  });

  it('needs two values on each side', () => {
    expect(welchDifference([1], [2, 3]).ciLow).toBeNaN();
  });

  it('has no test when neither side varies: t and p are undefined, not t = 0, p = 1', () => {
    const same = welchDifference([1, 1], [1, 1]);
    expect(same).toMatchObject({ difference: 0, ciLow: 0, ciHigh: 0 });
    expect(same.t).toBeNaN();
    expect(same.p).toBeNaN();
    expect(welchDifference([1, 1], [3, 3]).p).toBeNaN();
  });

  it('pairs runs with the same seed: the paired interval is narrower when pairs move together', () => {
    const a = [10, 20, 30, 40];
    const b = [11, 21.5, 30.8, 41.2];
    const paired = pairedDifference(a, b);
    expect(paired.difference).toBeCloseTo(1.125, 12);
    expect(paired.df).toBe(3);
    // sd of the differences [1, 1.5, 0.8, 1.2] is 0.2986; t₀.₉₇₅,₃ = 3.1824.
    expect(paired.ciHigh - paired.difference).toBeCloseTo((3.182446 * 0.298608) / 2, 4);
    expect(paired.ciHigh - paired.ciLow).toBeLessThan(welchDifference(a, b).ciHigh - welchDifference(a, b).ciLow);
  });

  it('takes standard errors and degrees of freedom from summaries (autocorrelated means)', () => {
    const fromMoments = welchFromMoments({ n: 100, mean: 1, se: 0.3, df: 9 }, { n: 100, mean: 2, se: 0.4, df: 9 });
    expect(fromMoments.se).toBeCloseTo(0.5, 12);
    // ν = 0.5⁴ / (0.3⁴/9 + 0.4⁴/9) = 16.30
    expect(fromMoments.df).toBeCloseTo(0.0625 / ((0.0081 + 0.0256) / 9), 10);
  });
});

describe('effectSize', () => {
  it("gives Cohen's d over the pooled standard deviation and Hedges' small-sample correction", () => {
    // pooled sd of [1,2,3,4] and [2,4,6,9]: √((3·1.6667 + 3·8.9167)/6) = 2.3005
    const { cohensD, hedgesG } = effectSize([1, 2, 3, 4], [2, 4, 6, 9]);
    expect(cohensD).toBeCloseTo(2.75 / 2.300362, 5);
    expect(hedgesG).toBeCloseTo(cohensD * (1 - 3 / (4 * 8 - 9)), 10);
  });

  it('is undefined when both samples are constant', () => {
    expect(effectSize([1, 1], [2, 2]).cohensD).toBeNaN();
  });
});

describe('batchMeans', () => {
  it('averages equal contiguous batches, dropping the oldest leftovers', () => {
    expect(batchMeans([9, 1, 2, 3, 4, 5, 6], 3)).toEqual([1.5, 3.5, 5.5]);
    expect(batchMeans([1, 2], 5)).toEqual([]);
  });
});
