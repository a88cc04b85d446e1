// A comparison as the terminal shows it: an aligned table of differences, intervals, p-values and effect sizes.
import type { ComparisonReport, ComparisonRow } from '@silolab/research';

const fmt = (x: number, digits = 4) => (!Number.isFinite(x) ? '–' : Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : Number(x.toPrecision(digits)).toString());

/** A p-value, or "undefined" when there is no test (no spread on either side). */
const pValue = (row: ComparisonRow, p: number) => (row.se === 0 ? 'undefined' : fmt(p, 3));

/** The comparison as an aligned text table, with its notes and warnings. */
export function formatComparison(report: ComparisonReport): string {
  const level = Math.round(report.confidence * 100);
  const lines = [`SiloLab compare — A: ${report.a.label}   B: ${report.b.label}`, `  A: ${report.a.note}`, `  B: ${report.b.note}`, ...report.notes.map((n) => `  note: ${n}`), ...report.warnings.map((w) => `  warning: ${w}`), ''];
  const runs = report.rows.some((r) => r.ticksA !== undefined);
  const test = report.rows.some((r) => r.test === 'paired') ? 'paired' : 'Welch';
  const head = ['point', 'metric', ...(runs ? ['ticks A', 'ticks B'] : []), 'mean A', 'mean B', 'B − A', `${level} % CI (${test})`, 'p', 'p (Holm)', "Hedges' g", ''];
  const body = report.rows.map((r) => [
    r.group,
    r.metric,
    ...(runs ? [r.ticksA ?? '', r.ticksB ?? ''] : []),
    fmt(r.meanA),
    fmt(r.meanB),
    fmt(r.difference),
    `[${fmt(r.ciLow)}, ${fmt(r.ciHigh)}]`,
    pValue(r, r.p),
    pValue(r, r.pHolm),
    fmt(r.hedgesG, 3),
    r.effect,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  for (const row of [head, ...body]) lines.push('  ' + row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd());
  return lines.join('\n');
}
