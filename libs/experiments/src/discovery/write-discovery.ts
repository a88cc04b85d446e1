// A discovery's files: discover.csv (the peeling trajectory), box.csv (the chosen box), discover.json, discover.html.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/write-file-atomic';
import { escapeHtml, htmlPage } from '../report/html-page';
import { CsvTable } from '../sweep/finalize/csv-table';
import type { DiscoveryReport } from './discover-folder';

const SCRIPT = String.raw`
(function () {
  const data = SILOLAB;
  const steps = data.prim.trajectory;
  const grid = document.getElementById('grid');
  chartBox(grid, 'trajectory', 'Peeling trajectory', 'each point a box; colour: number of restricted dimensions; the chosen box is ringed', 'trajectory');
  const maxRestricted = Math.max(1, ...steps.map((s) => s.restricted));
  newChart('trajectory', {
    type: 'scatter',
    data: { datasets: [{ label: 'boxes', data: steps.map((s) => ({ x: s.coverage, y: s.density })), pointRadius: steps.map((s) => (s.step === data.prim.chosen ? 8 : 4)), pointBorderWidth: steps.map((s) => (s.step === data.prim.chosen ? 3 : 1)), pointBorderColor: steps.map((s) => (s.step === data.prim.chosen ? '#111' : palette(s.restricted))), pointBackgroundColor: steps.map((s) => alpha(palette(s.restricted), 0.7)) }] },
    options: { plugins: { legend: { display: false } }, scales: { x: Object.assign({ title: { display: true, text: 'coverage (share of all cases inside the box)' } }, clampAxis(0, 1)), y: Object.assign({ title: { display: true, text: 'density (share of the box that are cases)' } }, clampAxis(0, 1)) } },
  });
  const restrictions = data.prim.restrictions.filter((r) => r.limit.kind === 'numeric');
  if (restrictions.length > 0) {
    chartBox(grid, 'limits', 'Box limits', 'each restricted parameter: the box (bar) within its sampled range (0 = lowest, 1 = highest value sampled)', 'limits');
    newChart('limits', {
      type: 'bar',
      data: { labels: restrictions.map((r) => [r.limit.name.split('.').pop(), 'qp ' + fmt(r.qp, 2)]), datasets: [{ label: 'box', data: restrictions.map((r) => [(r.limit.low - r.full.low) / (r.full.high - r.full.low || 1), (r.limit.high - r.full.low) / (r.full.high - r.full.low || 1)]), backgroundColor: alpha(palette(0), 0.7) }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { min: 0, max: 1, title: { display: true, text: 'position in the sampled range' } }, y: { ticks: { autoSkip: false } } } },
    });
  }
  document.body.dataset.ready = 'true';
  document.body.dataset.charts = String(charts.length);
})();
`;

/** Writes the four files into `out`. */
export function writeDiscovery(out: string, report: DiscoveryReport): void {
  mkdirSync(out, { recursive: true });
  const trajectory = new CsvTable(join(out, 'discover.csv'), ['step', 'coverage', 'density', 'mass', 'restricted', 'limits']);
  for (const s of report.prim.trajectory) trajectory.append([s.step, s.coverage, s.density, s.mass, s.restricted, JSON.stringify(s.limits)]);
  trajectory.close();
  const box = new CsvTable(join(out, 'box.csv'), ['parameter', 'kind', 'low', 'high', 'categories', 'sampledLow', 'sampledHigh', 'qp']);
  for (const r of report.prim.restrictions) {
    const l = r.limit;
    const f = r.full;
    box.append([l.name, l.kind, l.kind === 'numeric' ? l.low : '', l.kind === 'numeric' ? l.high : '', l.kind === 'categorical' ? l.categories.join('|') : '', f.kind === 'numeric' ? f.low : '', f.kind === 'numeric' ? f.high : '', r.qp]);
  }
  box.close();
  writeFileAtomic(join(out, 'discover.json'), JSON.stringify(report, null, 2) + '\n');
  const chosen = report.prim.trajectory[report.prim.chosen];
  const rows = report.prim.restrictions
    .map((r) => `<tr><td class="text">${escapeHtml(r.limit.name)}</td><td class="text">${r.limit.kind === 'numeric' ? `${r.limit.low.toPrecision(4)} – ${r.limit.high.toPrecision(4)}` : escapeHtml(r.limit.categories.join(', '))}</td><td class="text">${r.full.kind === 'numeric' ? `${r.full.low.toPrecision(4)} – ${r.full.high.toPrecision(4)}` : escapeHtml(r.full.kind === 'categorical' ? r.full.categories.join(', ') : '')}</td><td>${r.qp.toPrecision(2)}</td></tr>`)
    .join('');
  const body = `
<section class="wide"><h2>Chosen box</h2>
  <p class="note">${escapeHtml(report.condition)}: ${report.prim.cases} of ${report.prim.points} ${report.unit} are cases. Box ${report.prim.chosen} — ${escapeHtml(report.prim.reason)} — coverage ${(100 * chosen.coverage).toFixed(1)} %, density ${(100 * chosen.density).toFixed(1)} %, mass ${(100 * chosen.mass).toFixed(1)} %. PRIM (Friedman &amp; Fisher 1999), peeling α = ${report.options.peelAlpha}, minimum mass ${report.options.massMin}; qp: one-sided binomial quasi-p-value of each restriction.</p>
  <table><tr><th class="text">parameter</th><th class="text">box</th><th class="text">sampled</th><th>qp</th></tr>${rows}</table>
</section>
<section><h2>Trajectory and limits</h2><div class="grid" id="grid"></div></section>`;
  writeFileAtomic(join(out, 'discover.html'), htmlPage({ title: `SiloLab discover — ${report.sweep}`, subtitle: report.condition, body, data: JSON.parse(JSON.stringify(report)), script: SCRIPT }));
}
