// Browser-side helpers shared by the report pages (plain ES2020 in a string: the page is offline and build-free).

/** The font stack of every page and chart: Latin first, then CJK fonts so that 不愿 / 不会 / 不敢 never render as boxes. */
export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

/**
 * Defines, in the page: `SILOLAB` (the inline data), `palette(i)`, `fmt(x)`, the `silolabErrorBars` plugin
 * (whiskers from a dataset's `errorBars: [[low, high], …]`, vertical, or horizontal on `indexAxis: 'y'` charts), the
 * `silolabMarker` plugin (a dashed vertical line at `options.plugins.silolabMarker.x`), `bandDatasets(...)` (a mean
 * line with its confidence band), `clampAxis(range)` (an axis that never shows values outside a metric's range)
 * and `newChart(canvasId, config)` (no animation, band datasets hidden from the legend).
 */
export const CHART_HELPERS = String.raw`
'use strict';
const SILOLAB = JSON.parse(document.getElementById('silolab-data').textContent);
Chart.defaults.font.family = ${JSON.stringify(FONT_STACK)};
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
    const horizontal = chart.options.indexAxis === 'y';
    const value = horizontal ? chart.scales.x : chart.scales.y;
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
        const high = value.getPixelForValue(bar[1]);
        const low = value.getPixelForValue(bar[0]);
        ctx.beginPath();
        if (horizontal) {
          ctx.moveTo(low, element.y); ctx.lineTo(high, element.y);
          ctx.moveTo(low, element.y - 4); ctx.lineTo(low, element.y + 4);
          ctx.moveTo(high, element.y - 4); ctx.lineTo(high, element.y + 4);
        } else {
          ctx.moveTo(element.x, high); ctx.lineTo(element.x, low);
          ctx.moveTo(element.x - 4, high); ctx.lineTo(element.x + 4, high);
          ctx.moveTo(element.x - 4, low); ctx.lineTo(element.x + 4, low);
        }
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
/** Scale options that keep an axis inside [min, max] (null: open on that side), e.g. a rate's 0..1. */
function clampAxis(min, max) {
  return {
    afterDataLimits: (scale) => {
      if (min !== null && min !== undefined && scale.min < min) scale.min = min;
      if (max !== null && max !== undefined && scale.max > max) scale.max = max;
      if (scale.min === scale.max) { scale.max = scale.min + 1; if (max !== null && max !== undefined && scale.max > max) { scale.max = max; scale.min = max - 1; } }
    },
  };
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
  // Whiskers are drawn by a plugin, not as data: widen the value axis so that they fit.
  const ends = config.data.datasets.flatMap((d) => (d.errorBars || []).flatMap((bar) => (bar ? bar.filter((v) => v !== null && Number.isFinite(v)) : [])));
  if (ends.length > 0) {
    const axis = config.options.indexAxis === 'y' ? 'x' : 'y';
    config.options.scales = config.options.scales || {};
    config.options.scales[axis] = Object.assign({ suggestedMin: Math.min(...ends), suggestedMax: Math.max(...ends) }, config.options.scales[axis] || {});
  }
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
function chartBox(parent, id, title, note, kind) {
  const box = el('div', {}, [el('h3', { text: title })]);
  if (note) box.appendChild(el('div', { class: 'note', text: note }));
  const holder = el('div', { class: 'chart' }, [el('canvas', kind ? { id: id, 'data-kind': kind } : { id: id })]);
  box.appendChild(holder);
  parent.appendChild(box);
  return holder;
}
`;
