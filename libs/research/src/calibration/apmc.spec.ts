import { foldGeneration, nextProposals, posteriorSummary, priorProposals, type ApmcSettings, type ApmcState } from './apmc';

const settings: ApmcSettings = { particles: 200, keep: 0.5, minAcceptance: 0.05, generations: 12 };

/** ABC on a toy model: y = θ + noise, observed y = 0.7: the posterior concentrates near 0.7. */
function calibrateToy(noise: number): ApmcState {
  let state: ApmcState | null = null;
  let proposals = priorProposals(1, settings.particles, 3);
  for (;;) {
    const distances = proposals.map(([theta], i) => Math.abs(theta + noise * Math.sin(i * 12.9898 + (state?.generation ?? 0) * 78.233) - 0.7));
    state = foldGeneration(state, proposals, distances, settings);
    if (state.done) return state;
    proposals = nextProposals(state, settings, 11 + state.generation);
  }
}

describe('APMC', () => {
  it('concentrates the posterior around the parameter that reproduces the target, tolerance shrinking', () => {
    const state = calibrateToy(0.02);
    const values = state.kept.map((p) => p.unit[0]);
    const summary = posteriorSummary(values, state.kept.map((p) => p.weight), 0.95);
    expect(summary.mean).toBeGreaterThan(0.66);
    expect(summary.mean).toBeLessThan(0.74);
    expect(summary.high - summary.low).toBeLessThan(0.15);
    expect(state.kept).toHaveLength(100);
    expect(state.generation).toBeGreaterThan(1);
  });

  it('keeps proposals inside the unit cube and repeats them for the same seed', () => {
    const state = foldGeneration(null, priorProposals(2, 40, 1), Array.from({ length: 40 }, (_, i) => i), { ...settings, particles: 40 });
    const a = nextProposals(state, { ...settings, particles: 40 }, 5);
    expect(a).toHaveLength(20);
    for (const point of a) for (const x of point) expect(x >= 0 && x <= 1).toBe(true);
    expect(nextProposals(state, { ...settings, particles: 40 }, 5)).toEqual(a);
  });

  it('stops when too few new particles beat the previous tolerance', () => {
    const first = foldGeneration(null, priorProposals(1, 10, 1), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { ...settings, particles: 10 });
    expect(first.tolerance).toBe(5);
    const second = foldGeneration(first, [[0.5], [0.5], [0.5], [0.5], [0.5]], [9, 9, 9, 9, 9], { ...settings, particles: 10 });
    expect(second.acceptance).toBe(0);
    expect(second.done).toBe(true);
  });
});
