import { rate, siloIndex } from './silo-index.metric';

describe('siloIndex', () => {
  it('is 1 − cross / within: 0 when lines are crossed as readily, 1 when nothing crosses', () => {
    expect(siloIndex(0.2, 0.8)).toBeCloseTo(0.75, 12);
    expect(siloIndex(0.5, 0.5)).toBe(0);
    expect(siloIndex(0, 0.5)).toBe(1);
  });

  it('is clipped to 0 when data crosses lines more readily than it stays within them', () => {
    expect(siloIndex(0.9, 0.3)).toBe(0);
  });

  it('is 0 when nothing is shared within systems (no contrast to measure)', () => {
    expect(siloIndex(0.4, 0)).toBe(0);
    expect(siloIndex(0, Number.NaN)).toBe(0);
  });
});

describe('rate', () => {
  it('is numerator / denominator, and 0 rather than NaN when nothing was attempted', () => {
    expect(rate(3, 4)).toBe(0.75);
    expect(rate(0, 0)).toBe(0);
  });
});
