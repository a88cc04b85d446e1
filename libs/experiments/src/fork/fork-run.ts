// A counterfactual fork: the parent's scenario and seed, identical up to a tick, then with a change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { branchScenario, compareBranches } from '@silolab/research';
import { runToDirectory, type RunSummary } from '@silolab/runner';
import { writeFileAtomic } from '../files/write-file-atomic';
import { forkReportHtml } from '../report/fork-report';
import type { ParentRun } from './parent-run';

/** A fork asked for something the parent cannot give (a tick past its end): the user's to fix, not a scenario error. */
export class ForkInputError extends Error {}

/** What a fork did. */
export interface ForkResult {
  parent: { dir: string; digest: string; seed: number; scenarioHash: string };
  at: number;
  set: Record<string, unknown>;
  ticks: number;
  branch: { dir: string; digest: string };
  /** True when every tick before `at` has the same metrics row in both branches (it must). */
  equalBeforeFork: boolean;
  /** The first tick whose metrics differ, or null when the change made no difference in this run. */
  firstDifferentTick: number | null;
  summary: RunSummary;
}

/** Runs the branch into `out` (metrics.csv, summary.json, ledger.ndjson), then writes fork.json and fork.html. */
export async function forkRun(parent: ParentRun, options: { at: number; set: Record<string, unknown>; out: string; onTick?: (tick: number) => void }): Promise<ForkResult> {
  const { at, set, out } = options;
  if (at >= parent.ticks) throw new ForkInputError(`--at ${at}: the parent run has ${parent.ticks} ticks (0–${parent.ticks - 1}); fork at a tick from 0 to ${parent.ticks - 1}`);
  const scenario = branchScenario(parent.scenario, at, set);
  const summary = await runToDirectory(scenario, {
    seed: parent.seed,
    ticks: parent.ticks,
    out,
    transport: 'inproc',
    overrides: parent.summary.manifest.overrides ?? {},
    onTick: (tick) => options.onTick?.(tick.tick),
  });
  const branchLines = readFileSync(join(out, 'metrics.csv'), 'utf8').split('\n').filter((line) => line.length > 0);
  const parentLines = parent.metricsLines;
  const { equalBeforeFork, firstDifferentTick } = compareBranches(parentLines, branchLines, at);
  const result: ForkResult = {
    parent: { dir: parent.dir, digest: parent.summary.digest, seed: parent.seed, scenarioHash: parent.summary.manifest.scenarioHash },
    at,
    set,
    ticks: parent.ticks,
    branch: { dir: out, digest: summary.digest },
    equalBeforeFork,
    firstDifferentTick,
    summary,
  };
  const { summary: _omit, ...record } = result;
  void _omit;
  writeFileAtomic(join(out, 'fork.json'), JSON.stringify(record, null, 2) + '\n');
  writeFileAtomic(join(out, 'fork.html'), forkReportHtml({ at, set, parentDir: parent.dir, branchDir: out, seed: parent.seed, scenario: scenario.name, parentLines, branchLines, equalBeforeFork, firstDifferentTick }));
  return result;
}
