// fork.html: the parent and the branch of a fork on one plot per metric, with the fork tick marked.
import { metricInfo } from '@silolab/research';
import { escapeHtml, htmlPage } from './html-page';
import { FORK_REPORT_SCRIPT } from './fork-report.script';

/** Metrics drawn when present (metrics.csv columns). */
export const FORK_METRICS = [
  'sharingRate',
  'siloIndex',
  'crossSystemSharingRate',
  'modularity',
  'serviceCompletion',
  'meanTrust',
  'meanPerceivedRisk',
  'refusals.unwilling',
  'refusals.unable',
  'refusals.afraid',
  'leaks',
  'pointsPaid',
];

/** Columns of metrics.csv lines as numbers, by name. */
function columns(lines: string[], names: string[]): Record<string, number[]> {
  const header = lines[0].split(',');
  const index = names.map((name) => header.indexOf(name));
  const out: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    names.forEach((name, k) => {
      if (index[k] >= 0) out[name].push(Number(cells[index[k]]));
    });
  }
  return out;
}

/** The page. */
export function forkReportHtml(options: {
  at: number;
  set: Record<string, unknown>;
  parentDir: string;
  branchDir: string;
  seed: number;
  scenario: string;
  parentLines: string[];
  branchLines: string[];
  equalBeforeFork: boolean;
  firstDifferentTick: number | null;
}): string {
  const header = options.parentLines[0].split(',');
  const metrics = FORK_METRICS.filter((m) => header.includes(m));
  const change = Object.entries(options.set)
    .map(([path, value]) => `${path} = ${JSON.stringify(value)}`)
    .join(', ');
  const body = `
<section>
  <h2>Fork</h2>
  <dl>
    <dt>parent</dt><dd>${escapeHtml(options.parentDir)} (scenario ${escapeHtml(options.scenario)}, seed ${options.seed})</dd>
    <dt>branch</dt><dd>${escapeHtml(options.branchDir)}</dd>
    <dt>change</dt><dd>from tick ${options.at}: ${escapeHtml(change)}</dd>
    <dt>before the fork</dt><dd>${options.equalBeforeFork ? 'identical, tick for tick' : 'DIFFERENT — the parent could not be reproduced'}</dd>
    <dt>first difference</dt><dd>${options.firstDifferentTick === null ? 'none: the change made no difference in this run' : `tick ${options.firstDifferentTick}`}</dd>
  </dl>
  <p class="note">Both branches use the same seed and keyed random draws, so after the fork they differ only where the change itself matters.</p>
</section>
<section id="charts"><h2>Both branches</h2><div class="grid" id="grid"></div></section>`;
  return htmlPage({
    title: `SiloLab fork — ${options.scenario}`,
    subtitle: `from tick ${options.at}: ${change}`,
    body,
    data: { at: options.at, metrics, labels: Object.fromEntries(metrics.map((m) => [m, metricInfo(m)])), parent: columns(options.parentLines, metrics), branch: columns(options.branchLines, metrics) },
    script: FORK_REPORT_SCRIPT,
  });
}
