// A chart of metrics over the run's ticks (chart.js): lines, bars side by side, or bars stacked per tick; every lever
// change marked.
// The x axis spans the whole run, so the room sees how far it has gone.
import { effect } from '@preact/signals';
import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { Chart } from '../charts/chart-setup';
import { leverMarks } from '../charts/lever-marks';
import { t } from '../i18n/i18n';
import { inspectHandle } from '../inspect';
import { leverLabel } from '../run/lever-label';
import type { RunShown } from '../run/run-session';

export interface SeriesSpec {
  metric: string;
  label: () => string;
  colour: string;
}

export interface TimeSeriesChartProps {
  /** Name under which the chart is registered in the inspection handle. */
  name: string;
  title: () => string;
  session: RunShown;
  series: readonly SeriesSpec[];
  kind: 'line' | 'bar' | 'stackedBar';
  /** Values are shares (0..1), shown as percentages on a fixed 0–100 % axis. */
  percent?: boolean;
  /** Text size in pixels (larger on the projector). */
  fontSize?: number;
}

type Point = { x: number; y: number };

export function TimeSeriesChart({ name, title, session, series, kind, percent = false, fontSize = 12 }: TimeSeriesChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const stacked = kind === 'stackedBar';
    const bars = kind !== 'line';
    const datasets: Array<Record<string, unknown>> = series.map((spec) =>
        bars
          ? { type: 'bar', label: spec.metric, data: [], backgroundColor: spec.colour, borderWidth: 0, ...(stacked ? { stack: 'all' } : {}), barPercentage: 1, categoryPercentage: 0.9 }
          : { type: 'line', label: spec.metric, data: [], borderColor: spec.colour, backgroundColor: spec.colour, borderWidth: Math.max(2, fontSize / 6), pointRadius: 0, tension: 0.2 },
    );
    const font = { size: fontSize };
    const options = {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, offset: bars, stacked, ticks: { font, precision: 0 }, title: { display: false, text: '' } },
        y: {
          type: 'linear',
          stacked,
          beginAtZero: true,
          ...(percent ? { min: 0, max: 1 } : {}),
          ticks: { font, callback: (value: number | string) => (percent ? `${Math.round(Number(value) * 100)}%` : String(value)) },
        },
      },
      plugins: {
        legend: { labels: { font, boxWidth: fontSize } },
        tooltip: { titleFont: font, bodyFont: font },
        annotation: { annotations: {} },
      },
    };
    const chart = new Chart(canvas.current, { type: bars ? 'bar' : 'line', data: { datasets }, options } as unknown as ChartConfiguration);
    inspectHandle.charts[name] = chart;
    const stop = effect(() => {
      void session.historyRevision.value;
      const levers = session.levers.value;
      const run = session.run.value;
      series.forEach((spec, i) => {
        chart.data.datasets[i].data = session.history.series(spec.metric);
        chart.data.datasets[i].label = spec.label();
      });
      // Options are set through plain shapes: chart.js's option types for either chart kind overflow the compiler.
      const { scales, plugins } = chart.options as unknown as { scales: { x: { max: number; title: unknown } }; plugins: { annotation: { annotations: unknown } } };
      scales.x.max = Math.max(1, (run?.ticks ?? session.history.lastTick + 1) - 1);
      scales.x.title = { display: true, text: t('charts.tick'), font };
      plugins.annotation.annotations = leverMarks(levers, leverLabel, Math.max(10, fontSize - 2));
      chart.update('none');
    });
    return () => {
      stop();
      chart.destroy();
      delete inspectHandle.charts[name];
    };
  }, [session, name, kind, series, percent, fontSize]);

  return (
    <figure class="chart" data-chart={name}>
      <figcaption>{title()}</figcaption>
      <div class="chart-canvas">
        <canvas ref={canvas} />
      </div>
    </figure>
  );
}
