// Reading a sweep file from disk: YAML → validated plan, with the base scenario resolved next to the file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { assertWithinLimits } from '@silolab/engine';
import { parseYaml, ScenarioError, type Scenario } from '@silolab/model';
import { parseSweepDefinition, planSweep, probeMetricKeys, SweepError, type SweepPlan } from '@silolab/research';
import { loadScenarioFile, machineRunLimits } from '@silolab/runner';

/** A loaded sweep: its plan, where it came from, and where its base scenario came from. */
export interface LoadedSweep {
  plan: SweepPlan;
  path: string;
  text: string;
  scenarioPath: string;
}

/** The base scenario of a sweep file: a file relative to the sweep file, else a preset name (`baseline-silos`). */
function loadBase(name: string, sweepPath: string, source: string): { scenario: Scenario; path: string } {
  const nextToSweep = resolve(dirname(sweepPath), name);
  try {
    const loaded = loadScenarioFile(existsSync(nextToSweep) ? nextToSweep : name);
    return { scenario: loaded.scenario, path: loaded.path };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new SweepError(
      source,
      error.issues.map((issue) => ({ path: 'scenario', message: `${name}: ${issue.path === '(file)' ? '' : `${issue.path}: `}${issue.message}` })),
    );
  }
}

/**
 * Loads `path`: reads it, parses YAML, validates the sweep keys, loads the base scenario, probes the metric names
 * with one tick, and plans the sweep — every problem is a {@link SweepError} naming the key path.
 */
export async function loadSweepFile(path: string): Promise<LoadedSweep> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SweepError(path, [{ path: '(file)', message: code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}` }]);
  }
  let input: unknown;
  try {
    input = parseYaml(text, path);
  } catch (error) {
    if (error instanceof ScenarioError) throw new SweepError(path, error.issues);
    throw error;
  }
  const definition = parseSweepDefinition(input, path);
  const base = loadBase(definition.scenario, resolve(path), path);
  // Every run of the sweep must fit this machine's limits (the probe below runs the base scenario for one tick).
  const limits = machineRunLimits();
  try {
    assertWithinLimits(base.scenario, definition.ticks ?? base.scenario.ticks, limits, path);
  } catch (error) {
    if (error instanceof ScenarioError) throw new SweepError(path, error.issues.map((issue) => ({ path: 'scenario', message: `${issue.path}: ${issue.message}` })));
    throw error;
  }
  const plan = planSweep(input, base.scenario, await probeMetricKeys(base.scenario), path, limits);
  return { plan, path: resolve(path), text, scenarioPath: base.path };
}
