import fc from 'fast-check';
import { withinRange } from './bounded-interval';
import { meanInterval } from './mean-interval';

describe('withinRange', () => {
  it('keeps a t interval that fits the range as it is', () => {
    const interval = meanInterval([0.4, 0.5, 0.45, 0.42]);
    expect(withinRange(interval, { min: 0, max: 1 })).toEqual({ ...interval, method: 't' });
  });

  it('moves a rate’s interval that would reach below 0 onto the logit scale, inside 0..1', () => {
    const interval = meanInterval([0, 0.002, 0.0005]);
    expect(interval.ciLow).toBeLessThan(0);
    const ranged = withinRange(interval, { min: 0, max: 1 });
    expect(ranged.method).toBe('logit');
    expect(ranged.ciLow).toBeGreaterThan(0);
    expect(ranged.ciLow).toBeLessThan(interval.mean);
    expect(ranged.ciHigh).toBeGreaterThan(interval.mean);
    expect(ranged.ciHigh).toBeLessThan(1);
  });

  it('keeps the silo index of two far-apart runs inside 0..1', () => {
    const interval = meanInterval([0.1, 0.42]);
    expect(interval.ciLow).toBeCloseTo(-1.7730, 3);
    const ranged = withinRange(interval, { min: 0, max: 1 });
    expect(ranged.ciLow).toBeGreaterThanOrEqual(0);
    expect(ranged.ciHigh).toBeLessThanOrEqual(1);
  });

  it('cuts a count’s interval at 0 (a lower bound only), keeping the upper end of the t interval', () => {
    const interval = meanInterval([0, 0, 30]);
    const ranged = withinRange(interval, { min: 0, max: null });
    expect(ranged.method).toBe('t-truncated');
    expect(ranged.ciLow).toBe(0);
    expect(ranged.ciHigh).toBe(interval.ciHigh);
    expect(ranged.ciHigh).toBeCloseTo(10 + 4.302653 * 10, 4);
  });

  it('always lies inside the range and around the mean', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 }), (values) => {
        const ranged = withinRange(meanInterval(values), { min: 0, max: 1 });
        if (!Number.isFinite(ranged.ciLow)) return;
        expect(ranged.ciLow).toBeGreaterThanOrEqual(0);
        expect(ranged.ciHigh).toBeLessThanOrEqual(1);
        expect(ranged.ciLow).toBeLessThanOrEqual(ranged.mean + 1e-12);
        expect(ranged.ciHigh).toBeGreaterThanOrEqual(ranged.mean - 1e-12);
      }),
    );
  });
});
