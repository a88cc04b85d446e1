// The F distribution's upper tail: p-values of analysis-of-variance F tests.
import { regularizedIncompleteBeta } from './incomplete-beta';

/** P(F > f) for F ~ F(d1, d2): I_{d2/(d2 + d1·f)}(d2/2, d1/2). */
export function fUpperTail(f: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0)) throw new RangeError(`F distribution: degrees of freedom must be > 0, got ${d1}, ${d2}`);
  if (Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  return regularizedIncompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}
