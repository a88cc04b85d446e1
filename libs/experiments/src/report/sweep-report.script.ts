// Browser-side script of report.html (plain ES2020 in a string; uses the helpers of chart-helpers.script.ts).

/** Draws every chart of a sweep report from `SILOLAB` and sets `document.body.dataset.ready`. */
export const SWEEP_REPORT_SCRIPT = String.raw`
(function () {
  const data = SILOLAB;
  const params = data.parameters;
  const key = (v) => JSON.stringify(v);
  const short = (path) => path.split('.').slice(-1)[0];
  const valueText = (v) => (typeof v === 'number' ? fmt(v, 3) : String(v));
  const describe = (p) => params.map((q) => short(q.path) + '=' + valueText(p.params[q.path])).join(', ') || 'point ' + p.point;
  /** A point's label as lines (one per parameter), so long labels wrap instead of being cut off. */
  const describeLines = (p) => (params.length ? params.map((q) => short(q.path) + '=' + valueText(p.params[q.path])) : ['point ' + p.point]);
  const isNumeric = (q) => q.kind === 'range' || q.values.every((v) => typeof v === 'number');
  const info = (column) => data.labels[column] || { label: column, meaning: column, min: null, max: null };
  const yAxis = (column, extra) => Object.assign({ title: { display: true, text: info(column).label } }, clampAxis(info(column).min, info(column).max), extra || {});
  const xParameter = (p, extra) => Object.assign({ title: { display: true, text: data.parameterLabels[p.path] } }, extra || {});
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
    chartBox(parent, id, info(column).label + ' against ' + short(p.path), info(column).meaning, 'parameter');
    if (p.kind === 'range') {
      newChart(id, {
        type: 'scatter',
        data: { datasets: series.map((s, i) => ({ label: s.label, data: s.points.map((q) => ({ x: q.x, y: q.y })), errorBars: s.points.map((q) => [q.low, q.high]), borderColor: palette(i), backgroundColor: palette(i), pointRadius: 3 })) },
        options: { scales: { x: xParameter(p, { type: p.scale === 'log' ? 'logarithmic' : 'linear' }), y: yAxis(column) } },
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
      options: { scales: { x: xParameter(p, numeric ? { type: 'linear' } : { type: 'category' }), y: yAxis(column) } },
    });
  }

  const metricsSection = document.getElementById('metrics');
  if (params.length === 0) metricsSection.appendChild(el('p', { class: 'note', text: 'No varied parameters: see the table below.' }));
  // Sensitivity designs have hundreds of one-at-a-time points: their charts are the indices below.
  const plotAgainstParameters = params.length > 0 && (data.design === 'grid' || data.design === 'points');
  if (params.length > 0 && !plotAgainstParameters) metricsSection.appendChild(el('p', { class: 'note', text: 'A ' + data.design + ' design moves parameters one at a time or in matched blocks: see the sensitivity indices below rather than plots against each parameter.' }));
  data.metrics.forEach((column) => {
    if (!plotAgainstParameters) return;
    metricsSection.appendChild(el('h3', { text: info(column).label + ' — ' + column }));
    const grid = el('div', { class: 'grid' });
    metricsSection.appendChild(grid);
    params.forEach((p) => metricChart(grid, column, p));
  });

  // Every chosen metric over time: one line per shown point, with its band across replications.
  const series = data.timeSeries;
  const timeGrid = el('div', { class: 'grid' });
  document.getElementById('timeseries').appendChild(timeGrid);
  const pointById = new Map(data.points.map((p) => [p.point, p]));
  series.charts.forEach((chart) => {
    const id = nextId();
    chartBox(timeGrid, id, chart.label + ' over time', chart.meaning, 'timeseries');
    const datasets = [];
    chart.series.forEach((s, i) => {
      const point = pointById.get(s.point);
      const label = point ? describe(point) : 'point ' + s.point;
      const rows = chart.ticks.map((tick, k) => ({ x: tick, y: s.mean[k], low: s.low[k], high: s.high[k] }));
      bandDatasets(label, palette(i), rows).forEach((d) => { if (!d.isBand) d.pointRadius = 0; datasets.push(d); });
    });
    newChart(id, {
      type: 'line',
      data: { datasets },
      options: { scales: { x: { type: 'linear', title: { display: true, text: 'tick (working day)' } }, y: yAxis(chart.metric) }, plugins: { legend: { display: chart.series.length <= 12, position: 'bottom' } } },
    });
  });

  // Sensitivity indices: one bar chart per metric, parameters sorted by ST (Sobol) or μ* (Morris), with intervals.
  if (data.sensitivity) {
    const section = document.getElementById('sensitivity');
    const grid = el('div', { class: 'grid' });
    section.appendChild(grid);
    const sobol = data.sensitivity.method === 'sobol';
    const indices = sobol ? [['S1', 'first order S1'], ['ST', 'total ST']] : [['muStar', 'μ* (mean |elementary effect|)'], ['sigma', 'σ (spread of the effects)']];
    const metrics = Array.from(new Set(data.sensitivity.rows.map((r) => r.metric)));
    metrics.forEach((metric) => {
      const rows = data.sensitivity.rows.filter((r) => r.metric === metric);
      const ranked = Array.from(new Set(rows.map((r) => r.parameter))).sort((a, b) => rows.find((r) => r.parameter === a).rank - rows.find((r) => r.parameter === b).rank);
      const note = data.sensitivity.notes.find((n) => n.metric === metric);
      const noise = note && note.noiseShare !== null ? ' Seed noise: ' + Math.round(100 * note.noiseShare) + ' % of the variance of the point means.' : '';
      const id = nextId();
      const holder = chartBox(grid, id, info(metric).label, (sobol ? 'Sobol indices over ' : 'Morris effects over ') + (note ? note.units : '?') + (sobol ? ' complete Saltelli rows.' : ' complete trajectories.') + noise, 'sensitivity');
      holder.style.height = Math.max(220, 70 * ranked.length + 80) + 'px';
      newChart(id, {
        type: 'bar',
        data: {
          labels: ranked.map((path) => [short(path), path]),
          datasets: indices.map(([index, label], i) => {
            const pick = (path) => rows.find((r) => r.parameter === path && r.index === index);
            return { label: label, backgroundColor: alpha(palette(i), 0.75), borderColor: palette(i), data: ranked.map((path) => pick(path).estimate), errorBars: ranked.map((path) => [pick(path).ciLow, pick(path).ciHigh]) };
          }),
        },
        options: {
          indexAxis: 'y',
          scales: {
            x: Object.assign({ title: { display: true, text: sobol ? 'share of the variance of ' + metric + ' (0–1)' : 'change in ' + metric + ' across the parameter\'s range' } }, sobol ? clampAxis(0, 1) : clampAxis(0, null)),
            y: { ticks: { autoSkip: false } },
          },
        },
      });
    });
  }

  // ANOVA tables of a factorial design.
  if (data.anova) {
    const section = document.getElementById('anova');
    data.anova.forEach((table) => {
      section.appendChild(el('h3', { text: info(table.metric).label + ' — ' + table.metric + ' (' + table.n + ' runs)' }));
      if (table.note) section.appendChild(el('p', { class: 'note', text: table.note }));
      const t = el('table');
      t.appendChild(el('tr', {}, ['term', 'df', 'sum of squares', 'F', 'p', 'p (Holm)', 'partial η²'].map((h, i) => el('th', { class: i === 0 ? 'text' : '', text: h }))));
      table.terms.forEach((term, j) => {
        const cells = [term.term, String(term.df), fmt(term.ss), fmt(term.f, 3), fmt(term.p, 3), fmt(table.pHolm[j], 3), fmt(term.partialEta2, 3)];
        t.appendChild(el('tr', {}, cells.map((c, i) => el('td', { class: i === 0 ? 'text' : '', text: c }))));
      });
      section.appendChild(t);
    });
  }

  // Refusal reasons per point: grouped horizontal bars of mean run totals with their intervals; labels wrap by
  // parameter, one line each, so none is cut off.
  const reasons = [['unwilling', 'unwilling 不愿'], ['unable', 'unable 不会'], ['afraid', 'afraid 不敢']];
  const colours = { unwilling: '#ff7f0e', unable: '#7f7f7f', afraid: '#d62728' };
  const refusalSection = document.getElementById('refusals');
  const shownPoints = data.points.slice(0, 40);
  if (data.points.length > shownPoints.length) refusalSection.appendChild(el('p', { class: 'note', text: 'Showing the first ' + shownPoints.length + ' of ' + data.points.length + ' points; summary.csv has every one.' }));
  [['refusals', 'Owner refusals by reason (count per run)'], ['blocked', 'All non-deliveries by category (count per run)']].forEach(([group, title]) => {
    const id = nextId();
    const holder = chartBox(refusalSection, id, title, null, 'refusals');
    holder.style.height = Math.max(240, shownPoints.length * (30 + 12 * params.length) + 90) + 'px';
    newChart(id, {
      type: 'bar',
      data: { labels: shownPoints.map(describeLines), datasets: reasons.map(([r, label]) => {
        const column = 'total.' + group + '.' + r;
        const stat = (p) => p.stats[column];
        return { label, data: shownPoints.map((p) => (stat(p) ? stat(p).mean : null)), backgroundColor: colours[r], borderColor: '#333', errorBars: shownPoints.map((p) => (stat(p) ? [stat(p).ciLow, stat(p).ciHigh] : null)) };
      }) },
      options: { indexAxis: 'y', scales: { y: { ticks: { autoSkip: false } }, x: Object.assign({ title: { display: true, text: 'count per run (mean over replications)' } }, clampAxis(0, null)) } },
    });
  });

  // Table: mean [CI] of each chosen metric at each point.
  const table = el('table');
  const head = el('tr', {}, [el('th', { class: 'text', text: 'point' })].concat(params.map((q) => el('th', { class: 'text', text: q.path })), [el('th', { text: 'n' })], data.metrics.map((m) => el('th', { text: m }))));
  table.appendChild(head);
  const tablePoints = data.points.slice(0, 200);
  if (data.points.length > tablePoints.length) document.getElementById('table').appendChild(el('p', { class: 'note', text: 'Showing the first ' + tablePoints.length + ' of ' + data.points.length + ' points; summary.csv has every one.' }));
  tablePoints.forEach((p) => {
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
