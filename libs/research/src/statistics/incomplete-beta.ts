// The regularised incomplete beta function I_x(a, b): the CDF behind Student's t (and so behind every CI here).
import { gammaln } from 'simple-statistics';

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 300;

/**
 * Continued fraction of I_x(a, b), evaluated with the modified Lentz method (Numerical Recipes §6.4, `betacf`).
 * Converges quickly for x < (a + 1) / (a + b + 2); the caller uses the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
 */
function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * I_x(a, b) = B(x; a, b) / B(a, b) for 0 ≤ x ≤ 1 and a, b > 0, accurate to about 1e-14.
 * The prefactor x^a (1−x)^b / (a·B(a,b)) is computed in logs (`gammaln` from simple-statistics).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`incomplete beta: a and b must be > 0, got a=${a}, b=${b}`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * continuedFraction(x, a, b)) / a;
  return 1 - (front * continuedFraction(1 - x, b, a)) / b;
}
