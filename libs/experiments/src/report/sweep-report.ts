// report.html of a sweep: each metric against each varied parameter with confidence bands, refusal reasons per point.
import type { MeanInterval, MetricSummary, Parameter } from '@silolab/research';
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
}

const NaNToNull = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value);

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
<section id="refusals"><h2>Refusal reasons per point</h2>
  <p class="note">Owner refusals over the whole run by reason: <b>unwilling</b> 不愿共享 (ownership cost outweighs the gain), <b>unable</b> 不会共享 (schema or catalogue problems), <b>afraid</b> 不敢共享 (expected liability). Below: all non-deliveries (hub denials and failed transfers included) by the same three categories. Means over replications.</p>
</section>
<section id="table" class="wide"><h2>Summary by point</h2></section>`;
  return htmlPage({
    title: `SiloLab sweep — ${data.name}`,
    subtitle: `${data.finishedRuns} runs · ${data.points.length} points × ${data.replications} replications · base ${data.scenario}`,
    body,
    data: JSON.parse(JSON.stringify(data, NaNToNull)),
    script: SWEEP_REPORT_SCRIPT,
  });
}
