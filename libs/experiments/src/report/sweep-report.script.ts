// Browser-side script of report.html (plain ES2020 in a string; uses the helpers of chart-helpers.script.ts).

/** Draws every chart of a sweep report from `SILOLAB` and sets `document.body.dataset.ready`. */
export const SWEEP_REPORT_SCRIPT = String.raw`
(function () {
  const data = SILOLAB;
  const params = data.parameters;
  const key = (v) => JSON.stringify(v);
  const short = (path) => path.split('.').slice(-1)[0];
  const describe = (p) => params.map((q) => short(q.path) + '=' + (typeof p.params[q.path] === 'number' ? fmt(p.params[q.path], 3) : String(p.params[q.path]))).join(', ') || 'point ' + p.point;
  const isNumeric = (q) => q.kind === 'range' || q.values.every((v) => typeof v === 'number');
  let chartCount = 0;
  const nextId = () => 'chart-' + (chartCount++);

  // Series of a metric against parameter p: one per combination of the other listed parameters when there are few.
  function seriesFor(column, p) {
    const others = params.filter((q) => q !== p);
    const combos = others.every((q) => q.kind === 'levels') ? others.reduce((n, q) => n * q.values.length, 1) : Infinity;
    if (p.kind === 'levels' && combos > 6) {
      const marginal = (data.marginals[column] || {})[p.path] || [];
      return [{ label: 'averaged over ' + (others.map((q) => short(q.path)).join(', ') || 'runs'), points: marginal.map((m) => ({ x: m.level, y: m.mean, low: m.ciLow, high: m.ciHigh })) }];
    }
    const groupBy = others.filter((q) => q.kind === 'levels');
    const groups = new Map();
    data.points.forEach((point) => {
      const label = groupBy.map((q) => short(q.path) + '=' + String(point.params[q.path])).join(', ') || column;
      if (!groups.has(label)) groups.set(label, []);
      const s = point.stats[column];
      if (s) groups.get(label).push({ x: point.params[p.path], y: s.mean, low: s.ciLow, high: s.ciHigh });
    });
    return Array.from(groups.entries()).map(([label, points]) => ({ label, points }));
  }

  function metricChart(parent, column, p) {
    const numeric = isNumeric(p);
    const series = seriesFor(column, p);
    const id = nextId();
    chartBox(parent, id, column + ' vs ' + p.path, null);
    if (p.kind === 'range') {
      newChart(id, {
        type: 'scatter',
        data: { datasets: series.map((s, i) => ({ label: s.label, data: s.points.map((q) => ({ x: q.x, y: q.y })), errorBars: s.points.map((q) => [q.low, q.high]), borderColor: palette(i), backgroundColor: palette(i), pointRadius: 3 })) },
        options: { scales: { x: { type: p.scale === 'log' ? 'logarithmic' : 'linear', title: { display: true, text: p.path } }, y: { title: { display: true, text: column } } } },
      });
      return;
    }
    const order = p.values;
    const datasets = [];
    series.forEach((s, i) => {
      const sorted = order.map((level) => s.points.find((q) => key(q.x) === key(level))).filter(Boolean)
        .map((q) => ({ x: numeric ? q.x : String(q.x), y: q.y, low: q.low, high: q.high }));
      bandDatasets(s.label, palette(i), sorted).forEach((d) => { d.errorBars = d.isBand ? undefined : sorted.map((q) => [q.low, q.high]); datasets.push(d); });
    });
    newChart(id, {
      type: 'line',
      data: numeric ? { datasets } : { labels: order.map(String), datasets },
      options: { scales: { x: numeric ? { type: 'linear', title: { display: true, text: p.path } } : { type: 'category', title: { display: true, text: p.path } }, y: { title: { display: true, text: column } } } },
    });
  }

  const metricsSection = document.getElementById('metrics');
  if (params.length === 0) metricsSection.appendChild(el('p', { class: 'note', text: 'No varied parameters: see the table below.' }));
  data.metrics.forEach((column) => {
    if (params.length === 0) return;
    metricsSection.appendChild(el('h3', { text: column }));
    const grid = el('div', { class: 'grid' });
    metricsSection.appendChild(grid);
    params.forEach((p) => metricChart(grid, column, p));
  });

  // Refusal reasons per point: stacked bars of mean run totals.
  const reasons = ['unwilling', 'unable', 'afraid'];
  const colours = { unwilling: '#ff7f0e', unable: '#7f7f7f', afraid: '#d62728' };
  const labels = data.points.map(describe);
  const refusalSection = document.getElementById('refusals');
  [['refusals', 'Owner refusals by reason (run totals)'], ['blocked', 'All non-deliveries by category (run totals)']].forEach(([group, title]) => {
    const id = nextId();
    const holder = chartBox(refusalSection, id, title, null);
    holder.style.height = '340px';
    holder.style.minWidth = Math.max(600, labels.length * 36) + 'px';
    newChart(id, {
      type: 'bar',
      data: { labels, datasets: reasons.map((r) => {
        const column = 'total.' + group + '.' + r;
        return { label: r, data: data.points.map((p) => (p.stats[column] ? p.stats[column].mean : null)), backgroundColor: colours[r], errorBars: undefined };
      }) },
      options: { scales: { x: { stacked: true, ticks: { autoSkip: false, maxRotation: 60, minRotation: labels.length > 8 ? 45 : 0 } }, y: { stacked: true, title: { display: true, text: 'count per run' } } } },
    });
  });

  // Table: mean [CI] of each chosen metric at each point.
  const table = el('table');
  const head = el('tr', {}, [el('th', { class: 'text', text: 'point' })].concat(params.map((q) => el('th', { class: 'text', text: q.path })), [el('th', { text: 'n' })], data.metrics.map((m) => el('th', { text: m }))));
  table.appendChild(head);
  data.points.forEach((p) => {
    const cells = [el('td', { class: 'text', text: String(p.point) })]
      .concat(params.map((q) => el('td', { class: 'text', text: typeof p.params[q.path] === 'number' ? fmt(p.params[q.path], 4) : String(p.params[q.path]) })))
      .concat([el('td', { text: String(p.n) })])
      .concat(data.metrics.map((m) => {
        const s = p.stats[m];
        return el('td', { text: s ? fmt(s.mean) + ' [' + fmt(s.ciLow) + ', ' + fmt(s.ciHigh) + ']' : '–' });
      }));
    table.appendChild(el('tr', {}, cells));
  });
  document.getElementById('table').appendChild(table);
  document.body.dataset.ready = 'true';
  document.body.dataset.charts = String(charts.length);
})();
`;
