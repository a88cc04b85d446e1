import { morrisDesign } from '../design/morris';
import { morrisIndices } from './morris-indices';

const options = { resamples: 200, level: 0.95, seed: 3 };

describe('morrisDesign', () => {
  it('moves exactly one factor by ±Δ between successive points of a trajectory, each factor once', () => {
    const design = morrisDesign(5, 8, 4, 9);
    expect(design.points).toHaveLength(8 * 6);
    expect(design.delta).toBeCloseTo(2 / 3, 12);
    for (let t = 0; t < 8; t++) {
      expect([...design.factors[t]].sort()).toEqual([0, 1, 2, 3, 4]);
      for (let k = 0; k < 5; k++) {
        const from = design.points[t * 6 + k];
        const to = design.points[t * 6 + k + 1];
        const moved = from.map((x, i) => to[i] - x).map((step, i) => [i, step] as const).filter(([, step]) => Math.abs(step) > 1e-9);
        expect(moved).toHaveLength(1);
        expect(moved[0][0]).toBe(design.factors[t][k]);
        expect(moved[0][1]).toBeCloseTo(design.signs[t][k] * design.delta, 9);
        for (const x of to) expect([0, 1 / 3, 2 / 3, 1].some((level) => Math.abs(level - x) < 1e-9)).toBe(true);
      }
    }
  });
});

describe('morrisIndices', () => {
  it('recovers a linear model exactly: μ = μ* = the coefficient (per unit range), σ = 0', () => {
    const coefficients = [3, -2, 0.5, 0];
    const design = morrisDesign(4, 10, 4, 1);
    const result = morrisIndices(design.points.map((x) => x.reduce((s, v, i) => s + coefficients[i] * v, 0)), design, options);
    expect(result.trajectories).toBe(10);
    coefficients.forEach((c, i) => {
      expect(result.mu[i]).toBeCloseTo(c, 9);
      expect(result.muStar[i].estimate).toBeCloseTo(Math.abs(c), 9);
      expect(result.sigma[i]).toBeCloseTo(0, 9);
    });
  });

  it('shows an interaction as σ > 0 and cancelling effects as μ ≈ 0 with μ* > 0', () => {
    // y = x0·x1 − 0.5·x1: x0's effect is x1 (always ≥ 0), x1's is x0 − 0.5 (either sign).
    const design = morrisDesign(3, 40, 4, 2);
    const result = morrisIndices(design.points.map(([x0, x1]) => x0 * x1 - 0.5 * x1), design, options);
    expect(result.sigma[0]).toBeGreaterThan(0.1);
    expect(Math.abs(result.mu[1])).toBeLessThan(result.muStar[1].estimate);
    expect(result.muStar[2].estimate).toBe(0);
    expect(result.muStar[0].ciLow).toBeLessThan(result.muStar[0].estimate);
    expect(result.muStar[0].ciHigh).toBeGreaterThan(result.muStar[0].estimate);
  });

  it('leaves out trajectories with an undefined output', () => {
    const design = morrisDesign(2, 5, 4, 3);
    const outputs: Array<number | null> = design.points.map(([x, y]) => x + y);
    outputs[4] = null;
    expect(morrisIndices(outputs, design, options).trajectories).toBe(4);
  });
});
