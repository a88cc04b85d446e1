// A comparison as the terminal shows it: an aligned table of differences, intervals, p-values and effect sizes.
import type { ComparisonReport } from '@silolab/research';

const fmt = (x: number, digits = 4) => (!Number.isFinite(x) ? '–' : Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : Number(x.toPrecision(digits)).toString());

/** The comparison as an aligned text table. */
export function formatComparison(report: ComparisonReport): string {
  const level = Math.round(report.confidence * 100);
  const lines = [`SiloLab compare — A: ${report.a.label}   B: ${report.b.label}`, `  A: ${report.a.note}`, `  B: ${report.b.note}`, ...report.notes.map((n) => `  note: ${n}`), ''];
  const head = ['point', 'metric', 'mean A', 'mean B', 'B − A', `${level} % CI (Welch)`, 'p', "Hedges' g", ''];
  const body = report.rows.map((r) => [r.group, r.metric, fmt(r.meanA), fmt(r.meanB), fmt(r.difference), `[${fmt(r.ciLow)}, ${fmt(r.ciHigh)}]`, fmt(r.p, 3), fmt(r.hedgesG, 3), r.effect]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  for (const row of [head, ...body]) lines.push('  ' + row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  return lines.join('\n');
}
