// Browser-side helpers shared by the report pages (plain ES2020 in a string: the page is offline and build-free).

/**
 * Defines, in the page: `SILOLAB` (the inline data), `palette(i)`, `fmt(x)`, the `silolabErrorBars` plugin
 * (vertical whiskers from a dataset's `errorBars: [[low, high], …]`), the `silolabMarker` plugin (a dashed vertical
 * line at `options.plugins.silolabMarker.x`), `bandDatasets(...)` (a mean line with its confidence band) and
 * `newChart(canvasId, config)` (no animation, band datasets hidden from the legend).
 */
export const CHART_HELPERS = String.raw`
'use strict';
const SILOLAB = JSON.parse(document.getElementById('silolab-data').textContent);
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
function palette(i) { return PALETTE[i % PALETTE.length]; }
function alpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
}
function fmt(x, digits) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (typeof x !== 'number') return String(x);
  const d = digits === undefined ? 4 : digits;
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return Number(x.toPrecision(d)).toString();
}
const silolabErrorBars = {
  id: 'silolabErrorBars',
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    const y = chart.scales.y;
    chart.data.datasets.forEach((dataset, i) => {
      if (!dataset.errorBars || chart.getDatasetMeta(i).hidden) return;
      const meta = chart.getDatasetMeta(i);
      ctx.save();
      ctx.beginPath();
      ctx.rect(chart.chartArea.left, chart.chartArea.top, chart.chartArea.right - chart.chartArea.left, chart.chartArea.bottom - chart.chartArea.top);
      ctx.clip();
      ctx.strokeStyle = dataset.borderColor || '#333';
      ctx.lineWidth = 1.2;
      meta.data.forEach((element, j) => {
        const bar = dataset.errorBars[j];
        if (!bar || bar[0] === null || bar[1] === null) return;
        const top = y.getPixelForValue(bar[1]);
        const bottom = y.getPixelForValue(bar[0]);
        ctx.beginPath();
        ctx.moveTo(element.x, top); ctx.lineTo(element.x, bottom);
        ctx.moveTo(element.x - 4, top); ctx.lineTo(element.x + 4, top);
        ctx.moveTo(element.x - 4, bottom); ctx.lineTo(element.x + 4, bottom);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};
const silolabMarker = {
  id: 'silolabMarker',
  afterDatasetsDraw(chart, args, options) {
    if (options === undefined || options.x === undefined || options.x === null) return;
    const x = chart.scales.x.getPixelForValue(options.x);
    const area = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = '#52606d'; ctx.setLineDash([5, 4]); ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(x, area.top); ctx.lineTo(x, area.bottom); ctx.stroke();
    ctx.setLineDash([]); ctx.fillStyle = '#52606d'; ctx.font = '11px sans-serif';
    ctx.fillText(options.label || '', x + 4, area.top + 12);
    ctx.restore();
  },
};
Chart.register(silolabErrorBars, silolabMarker);
/** A series as three datasets: CI low (invisible), CI high (filled down to low), and the mean line. */
function bandDatasets(label, colour, points) {
  const clean = points.filter((p) => p.y !== null && p.y !== undefined && !Number.isNaN(p.y));
  const low = clean.map((p) => ({ x: p.x, y: p.low === null || p.low === undefined ? p.y : p.low }));
  const high = clean.map((p) => ({ x: p.x, y: p.high === null || p.high === undefined ? p.y : p.high }));
  return [
    { label: label + ' (CI low)', data: low, isBand: true, borderWidth: 0, pointRadius: 0, fill: false, borderColor: 'transparent' },
    { label: label + ' (CI)', data: high, isBand: true, borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: alpha(colour, 0.18), borderColor: 'transparent' },
    { label: label, data: clean.map((p) => ({ x: p.x, y: p.y })), borderColor: colour, backgroundColor: colour, pointRadius: 3, borderWidth: 2, fill: false, tension: 0 },
  ];
}
const charts = [];
function newChart(canvasId, config) {
  const canvas = document.getElementById(canvasId);
  config.options = config.options || {};
  config.options.animation = false;
  config.options.responsive = true;
  config.options.maintainAspectRatio = false;
  config.options.plugins = config.options.plugins || {};
  config.options.plugins.legend = config.options.plugins.legend || {};
  config.options.plugins.legend.labels = Object.assign({ filter: (item, data) => !data.datasets[item.datasetIndex].isBand, boxWidth: 12 }, config.options.plugins.legend.labels || {});
  const chart = new Chart(canvas.getContext('2d'), config);
  charts.push(chart);
  return chart;
}
function el(tag, attributes, children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([k, v]) => { if (k === 'text') node.textContent = v; else node.setAttribute(k, v); });
  (children || []).forEach((child) => node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child));
  return node;
}
function chartBox(parent, id, title, note) {
  const box = el('div', {}, [el('h3', { text: title })]);
  if (note) box.appendChild(el('div', { class: 'note', text: note }));
  const holder = el('div', { class: 'chart' }, [el('canvas', { id: id })]);
  box.appendChild(holder);
  parent.appendChild(box);
  return holder;
}
`;
