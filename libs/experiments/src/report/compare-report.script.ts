// Browser-side script of compare.html (plain ES2020 in a string; uses chart-helpers.script.ts).

/** Draws the table, the forest plot of Hedges' g and one chart of means per metric. */
export const COMPARE_REPORT_SCRIPT = String.raw`
(function () {
  const data = SILOLAB;
  const rows = data.rows;
  const table = el('table');
  const heads = ['point', 'metric', 'n A', 'mean A', 'n B', 'mean B', 'B − A', 'CI low', 'CI high', 'p', "Hedges' g", 'effect'];
  table.appendChild(el('tr', {}, heads.map((h, i) => el('th', { class: i < 2 ? 'text' : '', text: h }))));
  rows.forEach((r) => {
    const sign = r.ciLow !== null && r.ciLow > 0 ? 'pos' : r.ciHigh !== null && r.ciHigh < 0 ? 'neg' : '';
    const cells = [r.group, r.metric, r.nA, fmt(r.meanA), r.nB, fmt(r.meanB), fmt(r.difference), fmt(r.ciLow), fmt(r.ciHigh), fmt(r.p, 3), fmt(r.hedgesG, 3), r.effect];
    table.appendChild(el('tr', {}, cells.map((c, i) => el('td', { class: (i < 2 ? 'text ' : '') + (i >= 6 && i <= 8 ? sign : ''), text: String(c) }))));
  });
  document.getElementById('table').appendChild(table);

  // Forest plot: one row per (point, metric), g with ±1.96·se.
  const forest = document.getElementById('forest');
  const labels = rows.map((r) => (r.group === 'all' ? '' : r.group + ' · ') + r.metric);
  const ends = rows.filter((r) => r.hedgesG !== null && r.seG !== null).flatMap((r) => [r.hedgesG - 1.96 * r.seG, r.hedgesG + 1.96 * r.seG]);
  const reach = Math.max(1, ...ends.map(Math.abs));
  const holder = chartBox(forest, 'forest-chart', 'B versus A', rows.some((r) => r.hedgesG === null) ? 'rows without a point: no spread on either side, so no standardised effect' : null);
  holder.style.height = Math.max(200, 28 * rows.length + 60) + 'px';
  newChart('forest-chart', {
    type: 'scatter',
    data: { datasets: [{
      label: "Hedges' g",
      data: rows.map((r, i) => ({ x: r.hedgesG, y: i })),
      borderColor: '#243b53', backgroundColor: '#243b53', pointRadius: 4,
    }] },
    options: {
      indexAxis: 'y',
      scales: {
        y: {
          type: 'linear', reverse: true, min: -0.5, max: rows.length - 0.5,
          afterBuildTicks: (axis) => { axis.ticks = rows.map((_, i) => ({ value: i })); },
          ticks: { autoSkip: false, callback: (v) => labels[v] || '' },
        },
        x: { min: -reach * 1.05, max: reach * 1.05, title: { display: true, text: "Hedges' g (B − A, in pooled sd)" } },
      },
      plugins: { legend: { display: false }, silolabMarker: { x: 0, label: '' } },
    },
    plugins: [{
      id: 'forestWhiskers',
      afterDatasetsDraw(chart) {
        const ctx = chart.ctx; const x = chart.scales.x; const y = chart.scales.y;
        ctx.save(); ctx.strokeStyle = '#243b53';
        rows.forEach((r, i) => {
          if (r.hedgesG === null || r.seG === null) return;
          const py = y.getPixelForValue(i);
          ctx.beginPath();
          ctx.moveTo(x.getPixelForValue(r.hedgesG - 1.96 * r.seG), py); ctx.lineTo(x.getPixelForValue(r.hedgesG + 1.96 * r.seG), py);
          ctx.stroke();
        });
        ctx.restore();
      },
    }],
  });

  // Means of A and B per metric, grouped by point.
  const grid = document.getElementById('grid');
  data.metrics.forEach((metric, k) => {
    const mine = rows.filter((r) => r.metric === metric);
    const id = 'means-' + k;
    const info = data.labels[metric];
    chartBox(grid, id, info.label, metric + ': ' + info.meaning, 'means');
    const side = (name, colour, pick) => ({
      label: name, backgroundColor: alpha(colour, 0.7), borderColor: colour,
      data: mine.map((r) => pick(r).mean), errorBars: mine.map((r) => [pick(r).ciLow, pick(r).ciHigh]),
    });
    newChart(id, {
      type: 'bar',
      data: { labels: mine.map((r) => r.group), datasets: [side('A: ' + data.a.label, palette(0), (r) => r.intervalA), side('B: ' + data.b.label, palette(1), (r) => r.intervalB)] },
      options: { scales: { y: Object.assign({ title: { display: true, text: info.label } }, clampAxis(info.min, info.max)) } },
    });
  });
  document.body.dataset.ready = 'true';
  document.body.dataset.charts = String(charts.length);
})();
`;
