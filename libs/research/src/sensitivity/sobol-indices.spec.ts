import { saltelliSample } from '../design/saltelli';
import { sobolIndices } from './sobol-indices';

// The Ishigami function (Ishigami & Homma 1990), the standard test of Sobol estimators: x_i ~ U(−π, π),
// f = sin x1 + a sin² x2 + b x3⁴ sin x1, with analytic indices.
const a = 7;
const b = 0.1;
const ishigami = ([u1, u2, u3]: number[]) => {
  const [x1, x2, x3] = [u1, u2, u3].map((u) => -Math.PI + 2 * Math.PI * u);
  return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
};
const V1 = 0.5 * (1 + (b * Math.PI ** 4) / 5) ** 2;
const V2 = a ** 2 / 8;
const V13 = (8 * b ** 2 * Math.PI ** 8) / 225;
const V = V1 + V2 + V13;
const FIRST = [V1 / V, V2 / V, 0];
const TOTAL = [(V1 + V13) / V, V2 / V, V13 / V];

describe('sobolIndices', () => {
  it('recovers the Ishigami function’s analytic first-order and total indices', () => {
    const sample = saltelliSample(3, 4096, 11);
    const result = sobolIndices(sample.map(ishigami), 3, { resamples: 300, level: 0.95, seed: 1 });
    expect(result.rows).toBe(4096);
    expect(FIRST[0]).toBeCloseTo(0.3139, 3);
    expect(TOTAL[2]).toBeCloseTo(0.2437, 3);
    result.first.forEach((s, i) => expect(Math.abs(s.estimate - FIRST[i])).toBeLessThan(0.05));
    result.total.forEach((s, i) => expect(Math.abs(s.estimate - TOTAL[i])).toBeLessThan(0.05));
    result.first.forEach((s, i) => expect([s.ciLow <= FIRST[i], FIRST[i] <= s.ciHigh]).toEqual([true, true]));
    result.total.forEach((s, i) => expect([s.ciLow <= TOTAL[i], TOTAL[i] <= s.ciHigh]).toEqual([true, true]));
  });

  it('gives bootstrap intervals that cover the true Ishigami indices about as often as their level says', () => {
    let covered = 0;
    let intervals = 0;
    for (let seed = 0; seed < 30; seed++) {
      const sample = saltelliSample(3, 512, 1000 + seed);
      const result = sobolIndices(sample.map(ishigami), 3, { resamples: 200, level: 0.9, seed });
      [...result.first.map((s, i) => [s, FIRST[i]] as const), ...result.total.map((s, i) => [s, TOTAL[i]] as const)].forEach(([s, truth]) => {
        intervals++;
        if (s.ciLow <= truth && truth <= s.ciHigh) covered++;
      });
    }
    // 180 nominal-90 % intervals: a binomial 90 % rate gives 162 ± 8; the percentile bootstrap may undercover a little.
    expect(covered / intervals).toBeGreaterThan(0.8);
    expect(covered / intervals).toBeLessThan(0.99);
  });

  it('recovers a linear model’s indices, a_i² / Σa², with totals equal to first orders', () => {
    const coefficients = [4, 2, 1, 0];
    const sample = saltelliSample(4, 2048, 5);
    const result = sobolIndices(sample.map((x) => x.reduce((s, v, i) => s + coefficients[i] * v, 0)), 4, { resamples: 200, level: 0.95, seed: 2 });
    const truth = coefficients.map((c) => c ** 2 / 21);
    result.first.forEach((s, i) => {
      expect(s.ciLow).toBeLessThanOrEqual(truth[i] + 1e-12);
      expect(s.ciHigh).toBeGreaterThanOrEqual(truth[i] - 1e-12);
    });
    result.total.forEach((s, i) => expect(Math.abs(s.estimate - truth[i])).toBeLessThan(0.03));
    // A factor with no effect has a total index of exactly 0 (A and A_B^(i) give the same output).
    expect(result.total[3]).toEqual({ estimate: 0, ciLow: 0, ciHigh: 0 });
  });

  it('uses only the blocks whose outputs are all defined', () => {
    const sample = saltelliSample(2, 20, 3);
    const outputs: Array<number | null> = sample.map(([x, y]) => x + 2 * y);
    outputs[1] = null;
    outputs[4 * 7 + 3] = NaN;
    expect(sobolIndices(outputs, 2, { resamples: 10, level: 0.9, seed: 1 }).rows).toBe(18);
  });
});
