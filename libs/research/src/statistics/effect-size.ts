// Standardised effect sizes: how large a difference is relative to the run-to-run spread.
import { mean, sampleVariance } from 'simple-statistics';

/** Cohen's d and Hedges' g of B versus A, with an approximate confidence interval for g. */
export interface EffectSize {
  /** (meanB − meanA) / pooled sd. */
  cohensD: number;
  /** d corrected for small-sample bias: g = d · (1 − 3 / (4(nA + nB) − 9)). */
  hedgesG: number;
  /** Approximate standard error of g: √((nA + nB)/(nA·nB) + g² / (2(nA + nB))) (Hedges & Olkin 1985). */
  seG: number;
}

/**
 * Cohen's d with the pooled standard deviation s_p = √(((nA−1)s²A + (nB−1)s²B) / (nA + nB − 2)), and Hedges' g.
 * Conventional readings of |g|: 0.2 small, 0.5 medium, 0.8 large. NaN with fewer than two values on a side, or
 * when both samples are constant (no spread to standardise by).
 */
export function effectSize(a: ArrayLike<number>, b: ArrayLike<number>): EffectSize {
  const xs = Array.from(a);
  const ys = Array.from(b);
  const nA = xs.length;
  const nB = ys.length;
  if (nA < 2 || nB < 2) return { cohensD: NaN, hedgesG: NaN, seG: NaN };
  const pooled = Math.sqrt(((nA - 1) * sampleVariance(xs) + (nB - 1) * sampleVariance(ys)) / (nA + nB - 2));
  if (pooled === 0) return { cohensD: NaN, hedgesG: NaN, seG: NaN };
  const cohensD = (mean(ys) - mean(xs)) / pooled;
  const hedgesG = cohensD * (1 - 3 / (4 * (nA + nB) - 9));
  const seG = Math.sqrt((nA + nB) / (nA * nB) + (hedgesG * hedgesG) / (2 * (nA + nB)));
  return { cohensD, hedgesG, seG };
}
