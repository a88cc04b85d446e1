// Autocorrelation of a time series and its integrated autocorrelation time: how many ticks one independent sample is worth.

/** Sample autocorrelations ρ_0 … ρ_maxLag (autocovariances with divisor n, the usual positive-definite estimate). */
export function autocorrelations(series: ArrayLike<number>, maxLag: number): number[] {
  const n = series.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += series[i];
  mean /= n;
  const centred = Float64Array.from({ length: n }, (_, i) => series[i] - mean);
  let variance = 0;
  for (let i = 0; i < n; i++) variance += centred[i] * centred[i];
  if (!(variance > 0)) return [1];
  const rho = [1];
  for (let lag = 1; lag <= Math.min(maxLag, n - 1); lag++) {
    let sum = 0;
    for (let i = 0; i + lag < n; i++) sum += centred[i] * centred[i + lag];
    rho.push(sum / variance);
  }
  return rho;
}

/**
 * The integrated autocorrelation time τ = 1 + 2 Σ_{k≥1} ρ_k, estimated with Geyer's (1992) initial monotone
 * sequence: the sums of adjacent pairs Γ_m = ρ_2m + ρ_2m+1 are added while they stay positive, each capped by the
 * one before. The variance of the mean of n ticks is then σ²·τ/n: the series holds n/τ independent samples' worth
 * of information (its effective sample size). τ is at least 1 here (negative correlation is not credited), and 1
 * for a constant series.
 */
export function integratedAutocorrelationTime(series: ArrayLike<number>): number {
  const n = series.length;
  if (n < 4) return 1;
  const rho = autocorrelations(series, n - 1);
  if (rho.length === 1) return 1;
  let sum = 0;
  let previous = Infinity;
  for (let m = 0; 2 * m + 1 < rho.length; m++) {
    const pair = Math.min(rho[2 * m] + rho[2 * m + 1], previous);
    if (!(pair > 0)) break;
    sum += pair;
    previous = pair;
  }
  return Math.max(1, 2 * sum - 1);
}
