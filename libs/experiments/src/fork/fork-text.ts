// A fork as the terminal shows it: what changed, that the past repeated, and both branches' final metrics.
import { FORK_METRICS } from '../report/fork-report';
import type { ForkResult } from './fork-run';

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(4));

/** The readable fork summary: what changed, that the past repeated, and the final metrics of both branches. */
export function formatFork(result: ForkResult, parentFinal: Record<string, number>): string {
  const change = Object.entries(result.set)
    .map(([path, value]) => `${path}=${JSON.stringify(value)}`)
    .join(' ');
  const lines = [
    `SiloLab fork — from tick ${result.at} of ${result.parent.dir}: ${change}`,
    `  before tick ${result.at}: ${result.equalBeforeFork ? 'identical to the parent, tick for tick' : 'NOT identical to the parent'}`,
    `  first difference: ${result.firstDifferentTick === null ? 'none (the change made no difference in this run)' : `tick ${result.firstDifferentTick}`}`,
    '',
    `  ${'metric (last tick)'.padEnd(22)}${'parent'.padStart(12)}${'branch'.padStart(12)}${'Δ'.padStart(12)}`,
  ];
  const branchFinal = result.summary.final;
  for (const metric of FORK_METRICS) {
    if (!(metric in branchFinal) || !(metric in parentFinal)) continue;
    const a = parentFinal[metric];
    const b = branchFinal[metric];
    lines.push(`  ${metric.padEnd(22)}${fmt(a).padStart(12)}${fmt(b).padStart(12)}${fmt(b - a).padStart(12)}`);
  }
  const shown = FORK_METRICS.filter((metric) => metric in branchFinal && metric in parentFinal).length;
  const all = Object.keys(branchFinal).filter((metric) => metric !== 'tick').length;
  if (shown < all) lines.push(`  (${shown} of ${all} metrics shown; metrics.csv has every one)`);
  lines.push('', `  branch digest ${result.branch.digest}`, `  written to ${result.branch.dir}/ (metrics.csv, summary.json, fork.json, fork.html)`);
  return lines.join('\n');
}
