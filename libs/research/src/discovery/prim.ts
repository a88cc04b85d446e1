// PRIM, the patient rule induction method (Friedman & Fisher 1999), as used for scenario discovery (Bryant &
// Lempert 2010; EMA Workbench): boxes in parameter space where a policy outcome of interest is concentrated.
import { regularizedIncompleteBeta } from '../statistics/incomplete-beta';

/** A dimension of the input space: numbers (peeled by quantiles) or categories (peeled one at a time). */
export type PrimDimension = { name: string; kind: 'numeric'; values: number[] } | { name: string; kind: 'categorical'; values: string[] };

/** A box: per dimension an interval [low, high] or a set of categories. */
export type PrimLimit = { name: string; kind: 'numeric'; low: number; high: number } | { name: string; kind: 'categorical'; categories: string[] };

/** One step of the peeling trajectory. */
export interface PrimStep {
  step: number;
  /** Share of all cases of interest inside the box. */
  coverage: number;
  /** Share of the points inside the box that are cases of interest. */
  density: number;
  /** Share of all points inside the box. */
  mass: number;
  /** Dimensions the box restricts (narrower than the whole sample). */
  restricted: number;
  limits: PrimLimit[];
}

/** A restricted dimension of a chosen box, with its quasi-p-value. */
export interface PrimRestriction {
  limit: PrimLimit;
  /** The full range (numeric) or every category (categorical) in the sample. */
  full: PrimLimit;
  /**
   * One-sided binomial p-value of the box's density against the density of the box without this restriction
   * (EMA Workbench's "qp"): small when the restriction really concentrates the cases; large ones can be dropped.
   */
  qp: number;
}

/** The result: the whole trajectory, the chosen box and why. */
export interface PrimResult {
  points: number;
  cases: number;
  trajectory: PrimStep[];
  chosen: number;
  restrictions: PrimRestriction[];
  reason: string;
}

/** PRIM settings with EMA Workbench's defaults. */
export interface PrimOptions {
  /** Share of the box's points removed per peel (α). */
  peelAlpha: number;
  /** Stop peeling when the box holds fewer than this share of all points. */
  massMin: number;
  /** The chosen box is the one with the most coverage among those at least this dense. */
  minDensity: number;
}

export const PRIM_DEFAULTS: PrimOptions = { peelAlpha: 0.05, massMin: 0.05, minDensity: 0.8 };

function inside(dimensions: PrimDimension[], limits: PrimLimit[], i: number): boolean {
  return limits.every((limit, d) => {
    const dimension = dimensions[d];
    if (limit.kind === 'numeric') {
      const v = dimension.values[i] as number;
      return v >= limit.low && v <= limit.high;
    }
    return limit.categories.includes(dimension.values[i] as string);
  });
}

function fullLimits(dimensions: PrimDimension[]): PrimLimit[] {
  return dimensions.map((d) =>
    d.kind === 'numeric'
      ? { name: d.name, kind: 'numeric', low: d.values.reduce((m, v) => Math.min(m, v), Infinity), high: d.values.reduce((m, v) => Math.max(m, v), -Infinity) }
      : { name: d.name, kind: 'categorical', categories: [...new Set(d.values)].sort() },
  );
}

/** The smallest value v of `sorted` with at least a share q of the values ≤ v (a lower quantile that is a sample value). */
const quantileOf = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))];

/** Binomial upper tail P(X ≥ k), X ~ Bin(n, p). */
function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return regularizedIncompleteBeta(p, k, n - k + 1);
}

/**
 * Peels the box that holds every point: at each step, every candidate peel is tried — cut the lowest or highest α
 * share of the box's points along a numeric dimension, or drop one category of a categorical one — and the one
 * with the largest gain in density per point removed is taken (Friedman & Fisher's objective, EMA Workbench's
 * "original"). Peeling stops when the box would hold less than `massMin` of the points or no peel raises the
 * density. Of the trajectory, the box with the highest coverage among those with density ≥ `minDensity` is
 * chosen (else the densest), and each of its restrictions gets a quasi-p-value. Pasting is not done.
 */
export function prim(dimensions: PrimDimension[], interesting: boolean[], options: PrimOptions = PRIM_DEFAULTS): PrimResult {
  const n = interesting.length;
  const cases = interesting.filter(Boolean).length;
  const full = fullLimits(dimensions);
  const statsOf = (limits: PrimLimit[]) => {
    let count = 0;
    let hits = 0;
    for (let i = 0; i < n; i++) {
      if (!inside(dimensions, limits, i)) continue;
      count++;
      if (interesting[i]) hits++;
    }
    return { count, hits };
  };
  const isRestricted = (limit: PrimLimit, d: number) => {
    const whole = full[d];
    if (limit.kind === 'numeric' && whole.kind === 'numeric') return limit.low > whole.low || limit.high < whole.high;
    return limit.kind === 'categorical' && whole.kind === 'categorical' && limit.categories.length < whole.categories.length;
  };
  const record = (step: number, limits: PrimLimit[], stats: { count: number; hits: number }): PrimStep => ({
    step,
    coverage: cases > 0 ? stats.hits / cases : 0,
    density: stats.count > 0 ? stats.hits / stats.count : 0,
    mass: stats.count / n,
    restricted: limits.filter(isRestricted).length,
    limits,
  });
  let limits = full;
  let stats = statsOf(limits);
  const trajectory: PrimStep[] = [record(0, limits, stats)];
  while (stats.count > 0) {
    const inBox = Array.from({ length: n }, (_, i) => i).filter((i) => inside(dimensions, limits, i));
    type Peel = { limits: PrimLimit[]; stats: { count: number; hits: number }; gain: number };
    let best = null as Peel | null;
    limits.forEach((limit, d) => {
      const candidates: PrimLimit[] = [];
      if (limit.kind === 'numeric') {
        const sorted = inBox.map((i) => dimensions[d].values[i] as number).sort((a, b) => a - b);
        const low = quantileOf(sorted, options.peelAlpha);
        const high = sorted[Math.max(0, Math.ceil((1 - options.peelAlpha) * sorted.length) - 1)];
        // Peel strictly: values equal to the cut go too, so a peel always removes something (ties are common).
        const above = sorted.find((v) => v > low);
        const below = [...sorted].reverse().find((v) => v < high);
        if (above !== undefined) candidates.push({ ...limit, low: above });
        if (below !== undefined) candidates.push({ ...limit, high: below });
      } else if (limit.categories.length > 1) {
        for (const category of limit.categories) candidates.push({ ...limit, categories: limit.categories.filter((c) => c !== category) });
      }
      for (const candidate of candidates) {
        const next = limits.map((l, k) => (k === d ? candidate : l));
        const nextStats = statsOf(next);
        if (nextStats.count === 0 || nextStats.count / n < options.massMin || nextStats.count === stats.count) continue;
        const gain = (nextStats.hits / nextStats.count - stats.hits / stats.count) / (stats.count - nextStats.count);
        if (!best || gain > best.gain) best = { limits: next, stats: nextStats, gain };
      }
    });
    if (!best || best.gain <= 0) break;
    limits = best.limits;
    stats = best.stats;
    trajectory.push(record(trajectory.length, limits, stats));
  }
  const dense = trajectory.filter((s) => s.density >= options.minDensity);
  const chosenStep = dense.length > 0 ? dense.reduce((a, b) => (b.coverage > a.coverage ? b : a)) : trajectory.reduce((a, b) => (b.density > a.density ? b : a));
  const reason =
    dense.length > 0
      ? `the box with the highest coverage among those with density ≥ ${options.minDensity}`
      : `no box reaches density ${options.minDensity}: the densest box is shown`;
  const chosenStats = statsOf(chosenStep.limits);
  const restrictions = chosenStep.limits.flatMap((limit, d): PrimRestriction[] => {
    if (!isRestricted(limit, d)) return [];
    const without = statsOf(chosenStep.limits.map((l, k) => (k === d ? full[d] : l)));
    const p0 = without.count > 0 ? without.hits / without.count : 0;
    return [{ limit, full: full[d], qp: binomialUpperTail(chosenStats.hits, chosenStats.count, p0) }];
  });
  return { points: n, cases, trajectory, chosen: chosenStep.step, restrictions, reason };
}
