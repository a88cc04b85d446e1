// Reading a sweep file from disk: YAML → validated plan, with the base scenario resolved next to the file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { applyOverrides, canonicalJson, parseYaml, ScenarioError, type Scenario } from '@silolab/model';
import { DESIGN_FILE_LIMITS, parseSweepDefinition, planSweep, probeMetricKeys, SweepError, type SweepDefinition, type SweepPlan } from '@silolab/research';
import { assertWithinLimits } from '@silolab/engine';
import { loadScenarioFile, machineRunLimits } from '@silolab/runner';

/** A loaded sweep: its plan, where it came from, and where its base scenario came from. */
export interface LoadedSweep {
  plan: SweepPlan;
  path: string;
  text: string;
  scenarioPath: string;
}

/** The base scenario of a sweep file: a file relative to the sweep file, else a preset name (`baseline-silos`). */
export function loadSweepBase(name: string, sweepPath: string, source: string): { scenario: Scenario; path: string } {
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
  const { text, input } = readYamlFile(path);
  const definition = parseSweepDefinition(input, path);
  const base = loadSweepBase(definition.scenario, resolve(path), path);
  const plan = await planWithProbes(input, definition, base.scenario, path);
  return { plan, path: resolve(path), text, scenarioPath: base.path };
}

/** The largest sweep or calibration file read (checked before reading). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Reads a YAML file (a sweep or calibration file), its size checked first; problems are {@link SweepError}s. */
export function readYamlFile(path: string): { text: string; input: unknown } {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) throw new SweepError(path, [{ path: '(file)', message: `${size} bytes: at most ${MAX_FILE_BYTES} are read` }]);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof SweepError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SweepError(path, [{ path: '(file)', message: code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}` }]);
  }
  try {
    return { text, input: parseYaml(text, path) };
  } catch (error) {
    if (error instanceof ScenarioError) throw new SweepError(path, error.issues);
    throw error;
  }
}

/** How many distinct point scenarios are probed for metric names the base scenario does not report. */
const MAX_PROBED_POINTS = 64;

/**
 * Plans the sweep. Metric names are checked against the base scenario's (a one-tick probe); a name it does not
 * report is looked for in the design points' scenarios too (up to {@link MAX_PROBED_POINTS} distinct ones), since a
 * point can add metrics — `strategyShare` exists where the sweep sets `behaviour.model` to `imitation`.
 */
export async function planWithProbes(input: unknown, definition: SweepDefinition, base: Scenario, path: string): Promise<SweepPlan> {
  const designCsv = definition.design.method === 'points' ? readDesignFile(definition.design.file, path) : undefined;
  // Every run must fit this machine's limits: the base before it is probed (one tick), each point when planned.
  const limits = machineRunLimits();
  try {
    assertWithinLimits(base, definition.ticks ?? base.ticks, limits, path);
  } catch (error) {
    if (error instanceof ScenarioError) throw new SweepError(path, error.issues.map((issue) => ({ path: 'scenario', message: `${issue.path}: ${issue.message}` })));
    throw error;
  }
  const baseKeys = await probeMetricKeys(base);
  try {
    return planSweep(input, base, baseKeys, path, { designCsv, limits });
  } catch (error) {
    const metricIssue = (issue: { path: string }) => issue.path.startsWith('metrics[');
    if (!(error instanceof SweepError) || !error.issues.every(metricIssue)) throw error;
  }
  const { points, scenario } = planSweep(input, base, baseKeys, path, { designCsv, skipMetricCheck: true, limits });
  const keys = new Set<string>();
  const seen = new Set<string>();
  for (const point of points) {
    const key = canonicalJson(point.params);
    if (seen.has(key)) continue;
    if (seen.size >= MAX_PROBED_POINTS) break;
    seen.add(key);
    for (const name of await probeMetricKeys(applyOverrides(scenario, point.params, path))) keys.add(name);
  }
  return planSweep(input, base, baseKeys, path, { designCsv, pointMetricKeys: [...keys], limits });
}

/** The text of a points design's CSV file (relative to the sweep file), its size checked before it is read. */
function readDesignFile(file: string, sweepPath: string): string {
  const where = resolve(dirname(sweepPath), file);
  const fail = (message: string) => new SweepError(sweepPath, [{ path: 'design.file', message: `${file}: ${message}` }]);
  let size: number;
  try {
    size = statSync(where).size;
  } catch (error) {
    throw fail((error as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file (looked for ${where})` : (error as Error).message);
  }
  if (size > DESIGN_FILE_LIMITS.bytes) throw fail(`${size} bytes: a design file may hold at most ${DESIGN_FILE_LIMITS.bytes} bytes`);
  return readFileSync(where, 'utf8');
}
