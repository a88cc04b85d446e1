// The run a fork starts from: its folder's summary.json rebuilt into the exact scenario and seed, and its metrics.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyOverrides, parseScenario, ScenarioError, type Scenario } from '@silolab/model';
import { scenarioHash } from '@silolab/engine';
import { loadScenarioFile, type RunSummary } from '@silolab/runner';

/** A parent run, ready to be rerun. */
export interface ParentRun {
  dir: string;
  summary: RunSummary;
  scenario: Scenario;
  seed: number;
  ticks: number;
  /** metrics.csv lines: the header, then one line per tick. */
  metricsLines: string[];
}

/** A run folder that cannot be forked, and why. */
export class ParentRunError extends Error {}

/**
 * Reads `dir` (a `silolab run --out` folder). The scenario comes from the manifest's `scenarioDefinition`; a
 * summary.json written before that field existed is rebuilt from the preset of the same name plus the recorded
 * overrides. Either way its hash must equal the recorded `scenarioHash`, so a fork never starts from a scenario
 * that is not the parent's.
 */
export function loadParentRun(dir: string): ParentRun {
  const folder = resolve(dir);
  const summaryPath = join(folder, 'summary.json');
  const metricsPath = join(folder, 'metrics.csv');
  if (!existsSync(summaryPath) || !existsSync(metricsPath)) throw new ParentRunError(`${dir}: not a run folder (expected summary.json and metrics.csv from \`silolab run --out\`)`);
  const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as RunSummary;
  const manifest = summary.manifest;
  let scenario: Scenario;
  const definition = (manifest as { scenarioDefinition?: unknown }).scenarioDefinition;
  try {
    if (definition) scenario = parseScenario(definition, `${dir}/summary.json manifest.scenarioDefinition`);
    else scenario = applyOverrides(loadScenarioFile(manifest.scenario).scenario, manifest.overrides ?? {}, `${dir}/summary.json`);
  } catch (error) {
    if (error instanceof ScenarioError && !definition) {
      throw new ParentRunError(`${dir}: summary.json does not record the scenario (manifest.scenarioDefinition), and no preset named "${manifest.scenario}" rebuilds it: ${error.message}`);
    }
    throw error;
  }
  const hash = scenarioHash(scenario);
  if (hash !== manifest.scenarioHash) {
    throw new ParentRunError(
      definition
        ? `${dir}: the scenario in summary.json does not match its scenarioHash (${manifest.scenarioHash.slice(0, 12)}…): the file was edited`
        : `${dir}: summary.json does not record the scenario (manifest.scenarioDefinition) and the preset "${manifest.scenario}" with the recorded overrides has another hash (${hash.slice(0, 12)}… ≠ ${manifest.scenarioHash.slice(0, 12)}…): the preset changed since, or the run used a scenario file; rerun the parent with this SiloLab to record its scenario`,
    );
  }
  const metricsLines = readFileSync(metricsPath, 'utf8').split('\n').filter((line) => line.length > 0);
  return { dir: folder, summary, scenario, seed: manifest.seed, ticks: manifest.ticks, metricsLines };
}
