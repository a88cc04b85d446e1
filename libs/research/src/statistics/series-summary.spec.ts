import { KeyedRandom } from '@silolab/engine';
import { autocorrelations, integratedAutocorrelationTime } from './autocorrelation';
import { summariseSeries } from './series-summary';
import { mser5 } from './warm-up';

/** An AR(1) series x_t = ρ·x_{t−1} + ε_t with keyed Gaussian noise: its τ is (1 + ρ)/(1 − ρ). */
function ar1(rho: number, n: number, seed: number, start = 0): number[] {
  const random = new KeyedRandom(seed);
  const key = random.key('ar1');
  const xs: number[] = [];
  let x = start;
  for (let t = 0; t < n; t++) {
    const u1 = Math.max(random.uniform(key, t, 0), 1e-12);
    const u2 = random.uniform(key, t, 1);
    x = rho * x + Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    xs.push(x);
  }
  return xs;
}

describe('autocorrelation', () => {
  it('estimates the integrated autocorrelation time of AR(1) series, (1 + ρ)/(1 − ρ)', () => {
    for (const [rho, tolerance] of [[0, 0.3], [0.5, 0.6], [0.8, 2.5]] as const) {
      const taus = [1, 2, 3, 4].map((seed) => integratedAutocorrelationTime(ar1(rho, 20000, seed)));
      const mean = taus.reduce((s, v) => s + v, 0) / taus.length;
      expect(Math.abs(mean - (1 + rho) / (1 - rho))).toBeLessThan(tolerance);
    }
  });

  it('gives lag-k autocorrelations near ρ^k and τ = 1 for a constant series', () => {
    const rho = autocorrelations(ar1(0.7, 20000, 9), 3);
    expect(rho[1]).toBeCloseTo(0.7, 1);
    expect(rho[2]).toBeCloseTo(0.49, 1);
    expect(integratedAutocorrelationTime([2, 2, 2, 2, 2, 2])).toBe(1);
  });
});

describe('mser5', () => {
  it('drops an initial transient and keeps a stationary series whole', () => {
    // 30 ticks decaying from 20 to the stationary level, then 170 ticks of noise around 0.
    const series = ar1(0.3, 200, 4).map((x, t) => x + (t < 30 ? 20 * (1 - t / 30) : 0));
    const warmUp = mser5(series);
    expect(warmUp).toBeGreaterThanOrEqual(25);
    expect(warmUp).toBeLessThanOrEqual(45);
    expect(warmUp % 5).toBe(0);
    expect(mser5(ar1(0.3, 200, 5))).toBeLessThanOrEqual(10);
  });
});

describe('summariseSeries', () => {
  it('widens the standard error of an autocorrelated mean by √τ and flags too few effective samples', () => {
    const slow = summariseSeries(ar1(0.9, 60, 2), 0, 'none');
    const fast = summariseSeries(ar1(0, 60, 2), 0, 'none');
    expect(slow.se).toBeCloseTo((slow.sd * Math.sqrt(slow.tau)) / Math.sqrt(60), 12);
    expect(slow.tau).toBeGreaterThan(3);
    expect(slow.autocorrelated).toBe(true);
    expect(fast.autocorrelated).toBe(false);
    expect(fast.effectiveN).toBeGreaterThan(30);
  });

  it('states the ticks it used: from the end of the warm-up to the last tick', () => {
    const series = ar1(0.3, 100, 6).map((x, t) => x + (t < 20 ? 10 : 0));
    const summary = summariseSeries(series, 40);
    expect(summary.firstTick).toBe(40 + summary.warmUp);
    expect(summary.warmUp).toBeGreaterThanOrEqual(20);
    expect(summary.lastTick).toBe(139);
    expect(summary.n).toBe(100 - summary.warmUp);
  });
});
