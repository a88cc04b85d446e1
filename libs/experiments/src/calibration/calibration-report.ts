// calibration.html: the posterior of each fitted parameter, the particles, the tolerance by generation and the fit.
import { escapeHtml, htmlPage } from '../report/html-page';
import type { CalibrationResult } from './calibration-result';

const SCRIPT = String.raw`
(function () {
  const data = SILOLAB;
  const grid = document.getElementById('grid');
  const level = Math.round(data.confidence * 100);
  // Weighted histograms of the posterior over each prior range.
  data.posterior.forEach((p, d) => {
    const bins = 20;
    const counts = new Array(bins).fill(0);
    data.particles.forEach((particle) => {
      const k = Math.min(bins - 1, Math.floor(((particle.values[d] - p.min) / (p.max - p.min || 1)) * bins));
      counts[k] += particle.weight;
    });
    const id = 'posterior-' + d;
    chartBox(grid, id, p.path + ': ' + fmt(p.mean, 3) + ' [' + fmt(p.low, 3) + ', ' + fmt(p.high, 3) + ']', 'posterior weight over the prior range ' + fmt(p.min) + '–' + fmt(p.max) + '; ' + level + ' % credible interval from weighted quantiles', 'posterior');
    newChart(id, {
      type: 'bar',
      data: { labels: counts.map((_, k) => fmt(p.min + ((k + 0.5) * (p.max - p.min)) / bins, 3)), datasets: [{ label: 'posterior weight', data: counts, backgroundColor: alpha(palette(d), 0.7), borderColor: palette(d) }] },
      options: { plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: p.path } }, y: Object.assign({ title: { display: true, text: 'share of posterior weight' } }, clampAxis(0, 1)) } },
    });
  });
  if (data.posterior.length >= 2) {
    const id = 'particles';
    chartBox(grid, id, 'Posterior particles', 'each kept particle; size by weight', 'posterior');
    newChart(id, {
      type: 'scatter',
      data: { datasets: [{ label: 'particles', data: data.particles.map((p) => ({ x: p.values[0], y: p.values[1] })), pointRadius: data.particles.map((p) => 2 + 40 * Math.sqrt(p.weight)), backgroundColor: alpha(palette(0), 0.4), borderColor: palette(0) }] },
      options: { plugins: { legend: { display: false } }, scales: { x: { min: data.posterior[0].min, max: data.posterior[0].max, title: { display: true, text: data.posterior[0].path } }, y: { min: data.posterior[1].min, max: data.posterior[1].max, title: { display: true, text: data.posterior[1].path } } } },
    });
  }
  const tolerance = 'tolerance';
  chartBox(grid, tolerance, 'Tolerance by generation', 'ε: the largest distance among the kept particles (scaled root mean square)', 'generations');
  newChart(tolerance, {
    type: 'line',
    data: { labels: data.generations.map((g) => String(g.generation)), datasets: [{ label: 'tolerance ε', data: data.generations.map((g) => g.tolerance), borderColor: palette(1), backgroundColor: palette(1) }, { label: 'acceptance', data: data.generations.map((g) => g.acceptance), borderColor: palette(2), backgroundColor: palette(2), yAxisID: 'acceptance' }] },
    options: { scales: { x: { title: { display: true, text: 'generation' } }, y: Object.assign({ title: { display: true, text: 'tolerance ε' } }, clampAxis(0, null)), acceptance: Object.assign({ position: 'right', title: { display: true, text: 'acceptance (share)' } }, clampAxis(0, 1)) } },
  });
  // The fit: target against the kept particles' weighted mean, per metric.
  const groups = new Map();
  data.fit.names.forEach((name, k) => {
    const at = name.lastIndexOf('@');
    const metric = at < 0 ? name : name.slice(0, at);
    if (!groups.has(metric)) groups.set(metric, []);
    groups.get(metric).push({ x: at < 0 ? metric : Number(name.slice(at + 1)), target: data.fit.target[k], simulated: data.fit.simulated[k] });
  });
  const fit = document.getElementById('fit');
  Array.from(groups.entries()).forEach(([metric, rows], i) => {
    const id = 'fit-' + i;
    chartBox(fit, id, metric, 'target against the posterior particles’ weighted mean', 'fit');
    const perTick = typeof rows[0].x === 'number';
    newChart(id, perTick
      ? { type: 'line', data: { datasets: [{ label: 'target', data: rows.map((r) => ({ x: r.x, y: r.target })), borderColor: '#243b53', backgroundColor: '#243b53', pointRadius: 0 }, { label: 'posterior mean', data: rows.map((r) => ({ x: r.x, y: r.simulated })), borderColor: palette(1), backgroundColor: palette(1), pointRadius: 0, borderDash: [6, 3] }] }, options: { scales: { x: { type: 'linear', title: { display: true, text: 'tick (working day)' } }, y: { title: { display: true, text: metric } } } } }
      : { type: 'bar', data: { labels: [metric], datasets: [{ label: 'target', data: [rows[0].target], backgroundColor: '#243b53' }, { label: 'posterior mean', data: [rows[0].simulated], backgroundColor: palette(1) }] }, options: {} });
  });
  document.body.dataset.ready = 'true';
  document.body.dataset.charts = String(charts.length);
})();
`;

/** The page. */
export function calibrationReportHtml(result: CalibrationResult, targetKind: 'ticks' | 'moments'): string {
  const level = Math.round(result.confidence * 100);
  const rows = result.posterior.map((p) => `<tr><td class="text">${escapeHtml(p.path)}</td><td>${p.min} – ${p.max}</td><td>${p.mean.toPrecision(4)}</td><td>${p.sd.toPrecision(3)}</td><td>${p.median.toPrecision(4)}</td><td>[${p.low.toPrecision(4)}, ${p.high.toPrecision(4)}]</td></tr>`).join('');
  const body = `
<section class="wide"><h2>Posterior</h2>
  <p class="note">Approximate Bayesian computation (adaptive population Monte Carlo, Lenormand et al. 2013): ${result.particles.length} weighted particles after ${result.generations.length} generations and ${result.runs} runs; uniform priors over the ranges; target ${targetKind === 'ticks' ? 'values per tick' : 'summary moments'}.</p>
  <table><tr><th class="text">parameter</th><th>prior range</th><th>mean</th><th>sd</th><th>median</th><th>${level} % credible interval</th></tr>${rows}</table>
</section>
<section><h2>Posterior, particles and generations</h2><div class="grid" id="grid"></div></section>
<section><h2>Fit</h2><div class="grid" id="fit"></div></section>`;
  return htmlPage({
    title: `SiloLab calibration — ${result.name}`,
    subtitle: `${result.posterior.map((p) => `${p.path.split('.').pop()} ≈ ${p.mean.toPrecision(3)}`).join(' · ')}`,
    body,
    data: JSON.parse(JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))),
    script: SCRIPT,
  });
}
