// Student's t distribution: CDF and quantile, for confidence intervals and Welch's test with few replications.
import { gammaln } from 'simple-statistics';
import { regularizedIncompleteBeta } from './incomplete-beta';

/**
 * P(T ≤ t) for T ~ Student's t with `df` degrees of freedom (df > 0, not necessarily an integer — Welch's
 * Satterthwaite df rarely is). Uses P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2).
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`Student's t: degrees of freedom must be > 0, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Two-sided p-value of an observed t statistic: P(|T| ≥ |t|). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The density of Student's t with `df` degrees of freedom at `t`. */
export function studentTDensity(t: number, df: number): number {
  const logNorm = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

const quantileCache = new Map<string, number>();

/**
 * The p-quantile of Student's t with `df` degrees of freedom: the t with P(T ≤ t) = p. Newton's method on the CDF
 * from the normal quantile, kept inside a bracket that bisection narrows whenever a Newton step would leave it;
 * accurate to ~1e-12. Results are memoised (a sweep asks for the same few (p, df) pairs over and over).
 * `studentTQuantile(0.975, 2)` = 4.302652…
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`Student's t quantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`Student's t: degrees of freedom must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const cacheKey = `${p}:${df}`;
  const cached = quantileCache.get(cacheKey);
  if (cached !== undefined) return cached;
  // Bracket [low, high] with CDF(low) < p ≤ CDF(high).
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) {
    low = high;
    high *= 2;
    if (high > 1e300) return Infinity;
  }
  let t = Math.min(Math.max(Math.sqrt(2) * inverseErf(2 * p - 1), low), high);
  for (let i = 0; i < 100; i++) {
    const error = studentTCdf(t, df) - p;
    if (error < 0) low = t;
    else high = t;
    let next = t - error / studentTDensity(t, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - t) <= 1e-13 * Math.max(1, Math.abs(t))) {
      t = next;
      break;
    }
    t = next;
  }
  if (quantileCache.size > 4096) quantileCache.clear();
  quantileCache.set(cacheKey, t);
  return t;
}

/** erf⁻¹ (Giles 2010 single-precision approximation): only a starting point for Newton's method above. */
function inverseErf(x: number): number {
  let w = -Math.log((1 - x) * (1 + x));
  let result: number;
  if (w < 5) {
    w -= 2.5;
    result = 2.81022636e-8;
    for (const c of [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]) result = c + result * w;
  } else {
    w = Math.sqrt(w) - 3;
    result = -0.000200214257;
    for (const c of [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]) result = c + result * w;
  }
  return result * x;
}
