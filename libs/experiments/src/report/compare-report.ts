// compare.html: the comparison table, each metric's means on both sides with intervals, and a forest plot of
// Hedges' g.
import { columnInfo, type ComparisonReport } from '@silolab/research';
import { escapeHtml, htmlPage } from './html-page';
import { COMPARE_REPORT_SCRIPT } from './compare-report.script';

const NaNToNull = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value);

/** The page. */
export function compareReportHtml(report: ComparisonReport): string {
  const level = Math.round(report.confidence * 100);
  const body = `
<section>
  <h2>Sides</h2>
  <dl>
    <dt>A</dt><dd>${escapeHtml(report.a.label)} — ${escapeHtml(report.a.dir)}<br>${escapeHtml(report.a.note)}</dd>
    <dt>B</dt><dd>${escapeHtml(report.b.label)} — ${escapeHtml(report.b.dir)}<br>${escapeHtml(report.b.note)}</dd>
    <dt>matching</dt><dd>${report.matching === 'points' ? 'point by point (same parameter values on both sides)' : 'pooled'}</dd>
  </dl>
  ${report.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('')}
  <p class="note">Difference = mean B − mean A with Welch's ${level} % interval (unequal variances) and two-sided p-value; Hedges' g is the difference in units of the pooled standard deviation, corrected for small samples (|g| ≥ 0.2 small, 0.5 medium, 0.8 large).</p>
</section>
<section class="wide" id="table"><h2>Differences</h2></section>
<section id="forest"><h2>Effect sizes (Hedges' g, ≈${level} % interval)</h2></section>
<section id="means"><h2>Means with ${level} % intervals</h2><div class="grid" id="grid"></div></section>`;
  return htmlPage({
    title: `SiloLab compare — ${report.a.label} vs ${report.b.label}`,
    subtitle: `B − A on ${report.metrics.length} metric${report.metrics.length === 1 ? '' : 's'}`,
    body,
    data: JSON.parse(JSON.stringify({ ...report, labels: Object.fromEntries(report.metrics.map((m) => [m, columnInfo(m)])) }, NaNToNull)),
    script: COMPARE_REPORT_SCRIPT,
  });
}
