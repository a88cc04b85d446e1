// Autocorrelation of a time series and its integrated autocorrelation time: how many ticks one independent sample is worth.

/** The lag-k autocorrelation of a centred series with sum of squares `variance` (autocovariance divisor n). */
function lagCorrelation(centred: Float64Array, variance: number, lag: number): number {
  let sum = 0;
  for (let i = 0; i + lag < centred.length; i++) sum += centred[i] * centred[i + lag];
  return sum / variance;
}

/** The series minus its mean, and its sum of squares. */
function centre(series: ArrayLike<number>): { centred: Float64Array; variance: number } {
  const n = series.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += series[i];
  mean /= n;
  const centred = Float64Array.from({ length: n }, (_, i) => series[i] - mean);
  let variance = 0;
  for (let i = 0; i < n; i++) variance += centred[i] * centred[i];
  return { centred, variance };
}

/** Sample autocorrelations ρ_0 … ρ_maxLag (autocovariances with divisor n, the usual positive-definite estimate). */
export function autocorrelations(series: ArrayLike<number>, maxLag: number): number[] {
  const { centred, variance } = centre(series);
  if (!(variance > 0)) return [1];
  const rho = [1];
  for (let lag = 1; lag <= Math.min(maxLag, series.length - 1); lag++) rho.push(lagCorrelation(centred, variance, lag));
  return rho;
}

/**
 * The integrated autocorrelation time τ = 1 + 2 Σ_{k≥1} ρ_k, estimated with Geyer's (1992) initial monotone
 * sequence: the sums of adjacent pairs Γ_m = ρ_2m + ρ_2m+1 are added while they stay positive, each capped by the
 * one before. The variance of the mean of n ticks is then σ²·τ/n: the series holds n/τ independent samples' worth
 * of information (its effective sample size). τ is at least 1 here (negative correlation is not credited), and 1
 * for a constant series. Lags are computed only as far as the sequence runs: O(n·τ), not O(n²).
 */
export function integratedAutocorrelationTime(series: ArrayLike<number>): number {
  const n = series.length;
  if (n < 4) return 1;
  const { centred, variance } = centre(series);
  if (!(variance > 0)) return 1;
  let sum = 0;
  let previous = Infinity;
  for (let m = 0; 2 * m + 1 < n; m++) {
    const even = m === 0 ? 1 : lagCorrelation(centred, variance, 2 * m);
    const pair = Math.min(even + lagCorrelation(centred, variance, 2 * m + 1), previous);
    if (!(pair > 0)) break;
    sum += pair;
    previous = pair;
  }
  return Math.max(1, 2 * sum - 1);
}
