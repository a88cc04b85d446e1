// `silolab fork <run-dir> --at <tick> --set path=value ... --out DIR`: rerun a run with a change from tick t on.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ScenarioError } from '@silolab/model';
import { parseAssignment, parseSeed } from '../options';
import { forkRun, type ForkResult } from '../sweep/fork/fork-run';
import { loadParentRun, ParentRunError } from '../sweep/fork/parent-run';
import { FORK_METRICS } from '../sweep/report/fork-report';

/** Options of `silolab fork`. */
interface ForkOptions {
  at: number;
  set?: Record<string, unknown>;
  out: string;
  json?: boolean;
}

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
  lines.push('', `  branch digest ${result.branch.digest}`, `  written to ${result.branch.dir}/ (metrics.csv, summary.json, fork.json, fork.html)`);
  return lines.join('\n');
}

/** Registers `silolab fork`. */
export function registerFork(program: Command): void {
  program
    .command('fork')
    .description('rerun a run (a `silolab run --out` folder) with the same scenario and seed, changing levers from a tick on')
    .argument('<run-dir>', 'folder of the parent run (summary.json, metrics.csv)')
    .requiredOption('--at <tick>', 'tick from whose start the change applies', parseSeed)
    .option('--set <path=value>', 'the change: a scenario path and its new value (repeatable)', parseAssignment)
    .requiredOption('--out <dir>', 'folder for the branch (metrics.csv, summary.json, fork.json, fork.html)')
    .option('--json', 'print fork.json to stdout')
    .action(async (dir: string, options: ForkOptions) => {
      try {
        if (!options.set || Object.keys(options.set).length === 0) throw new ScenarioError('fork', [{ path: '--set', message: 'give at least one change, e.g. --set policies.accountability.liabilityRegime=attributed' }]);
        if (resolve(options.out) === resolve(dir)) throw new ScenarioError('fork', [{ path: '--out', message: 'must differ from the parent run folder' }]);
        const parent = loadParentRun(dir);
        const result = await forkRun(parent, { at: options.at, set: options.set, out: options.out });
        const { summary, ...record } = result;
        process.stdout.write(options.json ? JSON.stringify(record, null, 2) + '\n' : formatFork(result, parent.summary.final) + '\n');
        void summary;
        if (!result.equalBeforeFork) process.exitCode = 1;
      } catch (error) {
        if (error instanceof ScenarioError || error instanceof ParentRunError) {
          process.stderr.write(`silolab fork: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
