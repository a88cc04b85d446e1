// The sensitivity analysis of a sweep: Sobol or Morris indices of every summarised metric, in a tidy table.
import type { SensitivityDesign } from '../design/sensitivity-design';
import { morrisIndices } from './morris-indices';
import { sobolIndices } from './sobol-indices';

/** One row of sensitivity.csv: one index of one parameter for one metric. */
export interface SensitivityRow {
  metric: string;
  parameter: string;
  /** `S1` and `ST` (Sobol), or `muStar`, `mu` and `sigma` (Morris). */
  index: string;
  estimate: number;
  /** Bootstrap interval (S1, ST, μ*); NaN where there is none (μ, σ). */
  ciLow: number;
  ciHigh: number;
  /** The parameter's rank for this metric by ST (Sobol) or μ* (Morris), 1 = most influential. */
  rank: number;
}

/** What each metric's indices rest on. */
export interface SensitivityMetricNote {
  metric: string;
  /** Complete Saltelli rows or Morris trajectories. */
  units: number;
  /**
   * Share of the variance of the point means that is seed noise: mean over points of (within-point variance / n),
   * over the variance of the point means. Near 0: the indices describe the parameters; large: replicate more.
   * NaN with one replication per point.
   */
  noiseShare: number;
}

/** The whole analysis. */
export interface SensitivityAnalysis {
  method: 'morris' | 'sobol';
  confidence: number;
  rows: SensitivityRow[];
  notes: SensitivityMetricNote[];
}

/** A point's outputs for one metric: the mean over its replications, with their spread. */
export interface PointOutput {
  mean: number | null;
  variance: number;
  n: number;
}

/**
 * Indices of each metric from the point means of a Morris or Sobol design (`outputs[metric][point]`, in the
 * design's point order). Replications are averaged first: with common seeds (`seeds: common`) every point sees the
 * same random draws, so the means are a deterministic function of the parameters plus noise that shrinks with n.
 */
export function analyseSensitivity(
  design: SensitivityDesign,
  parameters: string[],
  outputs: Record<string, PointOutput[]>,
  options: { confidence: number; seed: number },
): SensitivityAnalysis {
  const rows: SensitivityRow[] = [];
  const notes: SensitivityMetricNote[] = [];
  const bootstrapOptions = { resamples: design.bootstrap, level: options.confidence, seed: options.seed };
  for (const [metric, points] of Object.entries(outputs)) {
    const means = points.map((p) => p.mean);
    const ranked = (estimates: number[]) => {
      const order = estimates.map((e, i) => [Number.isFinite(e) ? e : -Infinity, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
      const rank = new Array<number>(estimates.length);
      order.forEach(([, i], k) => (rank[i] = k + 1));
      return rank;
    };
    let units: number;
    if (design.method === 'sobol') {
      const result = sobolIndices(means, parameters.length, bootstrapOptions);
      const rank = ranked(result.total.map((s) => s.estimate));
      parameters.forEach((parameter, i) => {
        rows.push({ metric, parameter, index: 'S1', ...result.first[i], rank: rank[i] });
        rows.push({ metric, parameter, index: 'ST', ...result.total[i], rank: rank[i] });
      });
      units = result.rows;
    } else {
      const result = morrisIndices(means, design, bootstrapOptions);
      const rank = ranked(result.muStar.map((s) => s.estimate));
      parameters.forEach((parameter, i) => {
        rows.push({ metric, parameter, index: 'muStar', ...result.muStar[i], rank: rank[i] });
        rows.push({ metric, parameter, index: 'mu', estimate: result.mu[i], ciLow: NaN, ciHigh: NaN, rank: rank[i] });
        rows.push({ metric, parameter, index: 'sigma', estimate: result.sigma[i], ciLow: NaN, ciHigh: NaN, rank: rank[i] });
      });
      units = result.trajectories;
    }
    notes.push({ metric, units, noiseShare: noiseShare(points) });
  }
  return { method: design.method, confidence: options.confidence, rows, notes };
}

function noiseShare(points: PointOutput[]): number {
  const defined = points.filter((p): p is PointOutput & { mean: number } => p.mean !== null && Number.isFinite(p.mean));
  if (defined.length < 2 || defined.some((p) => p.n < 2)) return NaN;
  const grand = defined.reduce((s, p) => s + p.mean, 0) / defined.length;
  const between = defined.reduce((s, p) => s + (p.mean - grand) ** 2, 0) / (defined.length - 1);
  const noise = defined.reduce((s, p) => s + p.variance / p.n, 0) / defined.length;
  return between > 0 ? Math.min(1, noise / between) : noise > 0 ? 1 : 0;
}
