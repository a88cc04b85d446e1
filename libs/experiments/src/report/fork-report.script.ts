// Browser-side script of fork.html (plain ES2020 in a string; uses chart-helpers.script.ts).

/** Draws parent and branch of every metric on one chart each, with the fork tick marked. */
export const FORK_REPORT_SCRIPT = String.raw`
(function () {
  const data = SILOLAB;
  const grid = document.getElementById('grid');
  data.metrics.forEach((metric, i) => {
    const id = 'chart-' + i;
    const info = data.labels[metric];
    chartBox(grid, id, info.label, info.meaning, 'timeseries');
    const series = (values) => values.map((y, tick) => ({ x: tick, y: y }));
    newChart(id, {
      type: 'line',
      data: { datasets: [
        { label: 'parent', data: series(data.parent[metric]), borderColor: '#52606d', backgroundColor: '#52606d', pointRadius: 0, borderWidth: 2 },
        { label: 'branch', data: series(data.branch[metric]), borderColor: '#d62728', backgroundColor: '#d62728', pointRadius: 0, borderWidth: 2, borderDash: [6, 3] },
      ] },
      options: {
        scales: { x: { type: 'linear', title: { display: true, text: 'tick (working day)' } }, y: Object.assign({ title: { display: true, text: info.label } }, clampAxis(info.min, info.max)) },
        plugins: { silolabMarker: { x: data.at, label: 'fork' } },
      },
    });
  });
  document.body.dataset.ready = 'true';
  document.body.dataset.charts = String(charts.length);
})();
`;
