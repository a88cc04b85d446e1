// Holm's step-down correction: p-values adjusted for the number of tests in a family.

/**
 * Holm (1979) adjusted p-values: sort the m p-values ascending, p₍ᵢ₎ → max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎).
 * Rejecting where the adjusted p < α keeps the chance of any false positive in the family below α, whatever the
 * dependence between tests, and is never less powerful than Bonferroni. NaN p-values (undefined tests) stay NaN
 * and do not count in m.
 */
export function holmAdjust(pValues: number[]): number[] {
  const defined = pValues.map((p, i) => [p, i] as const).filter(([p]) => Number.isFinite(p)).sort((x, y) => x[0] - y[0]);
  const m = defined.length;
  const adjusted = pValues.map(() => NaN);
  let running = 0;
  defined.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
