// Morris elementary effects: μ, μ* and σ per factor from the outputs of a Morris design, with a bootstrap for μ*.
import type { MorrisDesign } from '../design/morris';
import { bootstrap, type BootstrapEstimate } from '../statistics/bootstrap';

/** Morris statistics of one output for each factor. */
export interface MorrisResult {
  /** μ*: mean absolute elementary effect (Campolongo, Cariboni & Saltelli 2007) — the ranking measure. */
  muStar: BootstrapEstimate[];
  /** μ: mean elementary effect (its sign says the direction, when effects do not cancel). */
  mu: number[];
  /** σ: standard deviation of the elementary effects — non-linearity or interactions. */
  sigma: number[];
  /** Elementary effects per factor, one per complete trajectory. */
  effects: number[][];
  /** Trajectories with every output defined. */
  trajectories: number;
}

/**
 * Elementary effects EE_i = (y(x + s·Δ·e_i) − y(x)) / (s·Δ) along each trajectory of `design` (s = ±1), in output
 * units per unit of the factor's normalised range; then μ_i = mean EE_i, μ*_i = mean |EE_i| and σ_i = sd EE_i
 * (n − 1) over trajectories (Morris 1991; μ* from Campolongo et al. 2007). Trajectories with an undefined output
 * are left out. μ*'s interval: percentile bootstrap over trajectories.
 */
export function morrisIndices(outputs: ArrayLike<number | null>, design: Pick<MorrisDesign, 'delta' | 'factors' | 'signs'>, options: { resamples: number; level: number; seed: number }): MorrisResult {
  const dimensions = design.factors[0]?.length ?? 0;
  const effects: number[][] = Array.from({ length: dimensions }, () => []);
  design.factors.forEach((factors, t) => {
    const base = t * (dimensions + 1);
    const ys: number[] = [];
    for (let k = 0; k <= dimensions; k++) {
      const value = outputs[base + k];
      if (value === null || value === undefined || !Number.isFinite(value)) return;
      ys.push(value);
    }
    factors.forEach((factor, k) => effects[factor].push((ys[k + 1] - ys[k]) / (design.signs[t][k] * design.delta)));
  });
  const trajectories = effects[0]?.length ?? 0;
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const mu = effects.map((e) => (e.length ? mean(e) : NaN));
  const sigma = effects.map((e, i) => (e.length > 1 ? Math.sqrt(e.reduce((s, v) => s + (v - mu[i]) ** 2, 0) / (e.length - 1)) : NaN));
  const muStar =
    trajectories > 0
      ? bootstrap(trajectories, (indices) => effects.map((e) => { let s = 0; for (const t of indices) s += Math.abs(e[t]); return s / indices.length; }), options)
      : effects.map(() => ({ estimate: NaN, ciLow: NaN, ciHigh: NaN }));
  return { muStar, mu, sigma, effects, trajectories };
}
