// The debrief's comparisons, drawn with chart.js: a metric tick by tick with one line per round and copy, or the
// refusals by reason (不愿/不会/不敢) stacked per round and copy.
import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import type { DebriefCopy } from '../api/contracts';
import { Chart } from '../charts/chart-setup';
import { REASON_COLOURS } from '../components/RunCharts';
import { bilingualText, language, t } from '../i18n/i18n';
import { inspectHandle } from '../inspect';

export interface ComparedCopy {
  label: string;
  copy: DebriefCopy;
}

/** Colours of the rounds and copies compared, in order. */
const LINE_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

/** One metric over the ticks, a line per round and copy. */
export function CompareLines({ name, title, metric, compared, percent = true }: { name: string; title: string; metric: string; compared: readonly ComparedCopy[]; percent?: boolean }) {
  const config = {
    type: 'line',
    data: {
      datasets: compared.map(({ label, copy }, i) => ({ label, data: copy.series.map((row) => ({ x: row.tick, y: row.metrics[metric] })), borderColor: LINE_COLOURS[i % LINE_COLOURS.length], backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length], pointRadius: 2, borderWidth: 2 })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: { x: { type: 'linear', min: 0, ticks: { precision: 0 }, title: { display: true, text: t('charts.tick') } }, y: { type: 'linear', beginAtZero: true, ...(percent ? { min: 0, max: 1, ticks: { callback: (value: number | string) => `${Math.round(Number(value) * 100)}%` } } : {}) } },
      plugins: { annotation: { annotations: {} } },
    },
  };
  return <DrawnChart name={name} title={title} config={config} deps={[compared, metric]} />;
}

/** Refusals by reason over the whole round, stacked, a bar per round and copy. */
export function CompareRefusals({ compared }: { compared: readonly ComparedCopy[] }) {
  const reasons = ['unwilling', 'unable', 'afraid'] as const;
  const config = {
    type: 'bar',
    data: {
      labels: compared.map(({ label }) => label),
      datasets: reasons.map((reason) => ({ label: bilingualText(reason), data: compared.map(({ copy }) => copy.totals.refusals[reason]), backgroundColor: REASON_COLOURS[reason], stack: 'all' })),
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { type: 'category', stacked: true }, y: { type: 'linear', stacked: true, beginAtZero: true } }, plugins: { annotation: { annotations: {} } } },
  };
  return <DrawnChart name="debrief-refusals" title={t('debrief.refusals')} config={config} deps={[compared]} />;
}

function DrawnChart({ name, title, config, deps }: { name: string; title: string; config: object; deps: unknown[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config as unknown as ChartConfiguration);
    inspectHandle.charts[name] = chart;
    return () => {
      chart.destroy();
      delete inspectHandle.charts[name];
    };
  }, [name, language.value, ...deps]);
  return (
    <figure class="chart" data-chart={name}>
      <figcaption>{title}</figcaption>
      <div class="chart-canvas">
        <canvas ref={canvas} />
      </div>
    </figure>
  );
}
