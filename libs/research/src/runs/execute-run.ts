// Executing one sweep run on the in-process engine: the job in, the outcome out. No files, no clocks.
import { runMetricKeys, Simulation, type RunLimits } from '@silolab/engine';
import { applyOverrides, parseScenario } from '@silolab/model';
import type { RunJob, RunOutcome } from './run-job';

const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);

/**
 * Runs `job`: the base scenario with the point's overrides, the job's seed and ticks, within `limits` (checked before
 * the run allocates anything; default: the engine's own). Every tick's metrics are kept
 * as a row (ticks × metrics numbers — small, and needed for ticks.parquet). `onTick` lets the caller stop early
 * (e.g. a child process whose parent has gone): return `false` to abandon the run, which then rejects.
 */
export async function executeRun(job: RunJob, onTick?: (tick: number) => boolean | void, limits?: RunLimits): Promise<RunOutcome> {
  const base = parseScenario(job.scenario, `sweep ${job.sweep} run ${job.run}`);
  const scenario = applyOverrides(base, job.overrides, `sweep ${job.sweep} run ${job.run}`);
  const simulation = new Simulation(scenario, { seed: job.seed, ticks: job.ticks, limits });
  let metricKeys: string[] | null = null;
  const ticks: Array<Array<number | null>> = [];
  const sums: number[] = [];
  let averaged = 0;
  while (!simulation.done) {
    const { tick, metrics } = await simulation.step();
    if (!metricKeys) {
      metricKeys = Object.keys(metrics);
      for (let k = 0; k < metricKeys.length; k++) sums.push(0);
    }
    const row = metricKeys.map((key) => metrics[key]);
    ticks.push(row.map(finiteOrNull));
    if (tick >= job.averageFrom) {
      averaged++;
      for (let k = 0; k < row.length; k++) sums[k] += row[k];
    }
    if (onTick?.(tick) === false) throw new Error(`run ${job.run} abandoned at tick ${tick}`);
  }
  const result = await simulation.finish();
  const keys = metricKeys ?? [];
  return {
    type: 'silolab.sweep.result.v1',
    sweep: job.sweep,
    run: job.run,
    point: job.point,
    replication: job.replication,
    seed: job.seed,
    digest: result.digest,
    scenarioHash: result.scenarioHash,
    exchanges: result.exchanges,
    metricKeys: keys,
    final: keys.map((key) => finiteOrNull(result.final[key])),
    mean: sums.map((sum) => (averaged > 0 ? finiteOrNull(sum / averaged) : null)),
    totals: {
      ...Object.fromEntries(Object.entries(result.refusals).map(([category, count]) => [`refusals.${category}`, count])),
      ...Object.fromEntries(Object.entries(result.blocked).map(([category, count]) => [`blocked.${category}`, count])),
    },
    ticks,
  };
}

/**
 * The metric names a scenario's runs report (those of the base scenario's first tick): what a sweep may summarise.
 * Derived from the scenario alone — no world is built and no tick run, so a sweep over 100,000 departments does not
 * hold a run's worth of memory in its coordinator.
 */
export async function probeMetricKeys(scenario: Parameters<typeof applyOverrides>[0]): Promise<string[]> {
  return runMetricKeys(scenario);
}
