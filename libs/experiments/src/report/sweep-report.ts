// report.html of a sweep: each metric against each varied parameter with confidence bands, refusal reasons per point.
import { columnInfo, type AnovaTable, type MeanInterval, type MetricSummary, type Parameter, type SensitivityAnalysis } from '@silolab/research';
import type { TimeSeriesData } from '../sweep/finalize/tick-bands';
import { escapeHtml, htmlPage } from './html-page';
import { SWEEP_REPORT_SCRIPT } from './sweep-report.script';

/** A point as the report shows it. */
export interface ReportPoint {
  point: number;
  params: Record<string, unknown>;
  n: number;
  stats: Record<string, Pick<MetricSummary, 'mean' | 'sd' | 'ciLow' | 'ciHigh' | 'n'>>;
}

/** Everything report.html draws. */
export interface SweepReportData {
  name: string;
  description: string;
  status: string;
  version: string;
  sweepHash: string;
  scenario: string;
  runs: number;
  finishedRuns: number;
  replications: number;
  ticks: number;
  averageFrom: number;
  confidence: number;
  rootSeed: number;
  seeds: string;
  parameters: Parameter[];
  /** Chosen metrics (runs.csv columns), plotted against every parameter. */
  metrics: string[];
  points: ReportPoint[];
  /** column → parameter path → one entry per level: the metric averaged over every other parameter. */
  marginals: Record<string, Record<string, Array<{ level: unknown } & Pick<MeanInterval, 'mean' | 'ciLow' | 'ciHigh' | 'n'>>>>;
  /** Every chosen metric over time, per shown point. */
  timeSeries: TimeSeriesData;
  /** Morris or Sobol indices (sensitivity designs). */
  sensitivity: SensitivityAnalysis | null;
  /** ANOVA tables (factorial designs), with Holm-adjusted p-values. */
  anova: Array<AnovaTable & { pHolm: number[] }> | null;
  design: string;
}

/** An axis label for a parameter: its last path segment in words, then the path. */
export function parameterLabel(path: string): string {
  const last = path.split('.').pop() ?? path;
  return `${last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} (${path})`;
}

const NaNToNull = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value);

/** Axis labels and ranges of every column the report draws. */
function columnLabels(data: SweepReportData): Record<string, { label: string; meaning: string; min: number | null; max: number | null }> {
  const columns = new Set([...data.metrics, ...Object.keys(data.points[0]?.stats ?? {}), ...data.timeSeries.charts.map((chart) => chart.metric)]);
  return Object.fromEntries([...columns].map((column) => {
    const info = columnInfo(column);
    return [column, { label: info.label, meaning: info.meaning, min: info.min, max: info.max }];
  }));
}

/** The report page. Pure: the same data gives the same bytes. */
export function sweepReportHtml(data: SweepReportData): string {
  const varied = data.parameters.map((p) => (p.kind === 'levels' ? `${p.path} ∈ {${p.values.map((v) => JSON.stringify(v)).join(', ')}}` : `${p.path} ∈ [${p.min}, ${p.max}]${p.scale === 'log' ? ' (log)' : ''}`));
  const body = `
<section>
  <h2>Sweep</h2>
  <dl>
    <dt>status</dt><dd>${escapeHtml(data.status)} — ${data.finishedRuns} of ${data.runs} runs</dd>
    <dt>base scenario</dt><dd>${escapeHtml(data.scenario)}</dd>
    <dt>design</dt><dd>${escapeHtml(varied.join(' × ') || 'a single point')}; ${data.replications} replications per point</dd>
    <dt>runs</dt><dd>${data.ticks} ticks each; time averages (mean.*) over ticks ≥ ${data.averageFrom}</dd>
    <dt>seeds</dt><dd>derived from root seed ${data.rootSeed} (${escapeHtml(data.seeds)}); each run's seed is in runs.csv</dd>
    <dt>intervals</dt><dd>${Math.round(data.confidence * 100)} % confidence intervals of the mean over replications (Student's t)</dd>
    <dt>sweep hash</dt><dd>${escapeHtml(data.sweepHash)}</dd>
    <dt>SiloLab</dt><dd>${escapeHtml(data.version)}</dd>
  </dl>
  ${data.description ? `<p>${escapeHtml(data.description)}</p>` : ''}
</section>
<section id="metrics"><h2>Metrics against parameters</h2>
  <p class="note">Lines join the means over replications at each level; shaded bands and whiskers are ${Math.round(data.confidence * 100)} % confidence intervals.
  Where the other parameters have too many combinations to draw one line each, the line averages over them (all runs at that level pooled).</p>
</section>
<section id="timeseries"><h2>Metrics over time</h2>
  <p class="note">Each line is one design point: the mean over its replications at each tick; the band is the ${Math.round(data.confidence * 100)} % confidence interval across replications, kept inside the metric's range.
  ${data.timeSeries.points.length < data.timeSeries.totalPoints ? `Showing ${data.timeSeries.points.length} of ${data.timeSeries.totalPoints} points (the first the sweep started, spread over the design); ticks.parquet holds every run.` : ''}
  ${data.timeSeries.stride > 1 ? `Every ${data.timeSeries.stride}th tick is drawn.` : ''}</p>
</section>
${data.sensitivity ? `<section id="sensitivity"><h2>Sensitivity (${data.sensitivity.method === 'sobol' ? 'Sobol indices' : 'Morris elementary effects'})</h2>
  <p class="note">${
    data.sensitivity.method === 'sobol'
      ? 'First-order index S1: the share of the output variance due to the parameter alone; total index ST: with all its interactions. Whiskers: bootstrap'
      : 'μ*: the mean absolute change of the metric when the parameter moves across its whole range (elementary effects); σ: their spread (non-linearity or interactions). Whiskers: bootstrap'
  } ${Math.round(data.confidence * 100)} % intervals. Parameters are sorted by ${data.sensitivity.method === 'sobol' ? 'ST' : 'μ*'}.</p>
</section>` : ''}
${data.anova ? `<section id="anova" class="wide"><h2>Analysis of variance (whole design)</h2>
  <p class="note">Main effects and two-way interactions of the varied parameters on each metric (least squares, type III sums of squares${data.seeds === 'common' ? ', replications as blocks (common seeds)' : ''}). p (Holm) adjusts every p-value of this section for multiple testing; partial η² is the share of the remaining variation a term explains.</p>
</section>` : ''}
<section id="refusals"><h2>Refusal reasons per point</h2>
  <p class="note">Owner refusals over the whole run by reason: <b>unwilling</b> 不愿共享 (ownership cost outweighs the gain), <b>unable</b> 不会共享 (schema or catalogue problems), <b>afraid</b> 不敢共享 (expected liability). Below: all non-deliveries (hub denials and failed transfers included) by the same three categories. Means over replications with ${Math.round(data.confidence * 100)} % intervals.</p>
</section>
<section id="table" class="wide"><h2>Summary by point</h2></section>`;
  return htmlPage({
    title: `SiloLab sweep — ${data.name}`,
    subtitle: `${data.finishedRuns} runs · ${data.points.length} points × ${data.replications} replications · base ${data.scenario}`,
    body,
    data: JSON.parse(JSON.stringify({ ...data, labels: columnLabels(data), parameterLabels: Object.fromEntries(data.parameters.map((p) => [p.path, parameterLabel(p.path)])) }, NaNToNull)),
    script: SWEEP_REPORT_SCRIPT,
  });
}
