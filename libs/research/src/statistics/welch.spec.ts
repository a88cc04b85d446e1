import { batchMeans } from './batch-means';
import { effectSize } from './effect-size';
import { welchDifference } from './welch';

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

  it('collapses to the difference when neither side varies', () => {
    expect(welchDifference([1, 1], [3, 3])).toMatchObject({ difference: 2, ciLow: 2, ciHigh: 2, p: 0 });
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
