// Where a run's scenario comes from over the API: a preset in scenarios/, or inline YAML / JSON text or an object.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyOverrides, departmentCount, loadScenarioText, parseScenario, ScenarioError, type InputIssue, type Scenario } from '@silolab/model';
import { loadScenarioFile, projectRoot } from '@silolab/runner';
import { OrchestrationError } from './orchestration.error';

/** A preset as `GET /api/scenarios` lists it. */
export interface PresetInfo {
  name: string;
  description: string;
  departments: number;
  ticks: number;
  seed: number;
}

const PRESET_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The folder of the presets (`<project>/scenarios`). */
export function presetFolder(): string {
  return join(projectRoot(), 'scenarios');
}

/** Names of the presets, sorted. */
export function presetNames(): string[] {
  const folder = presetFolder();
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
}

/** Every preset with what a chooser needs to show. Presets that fail to load are left out. */
export function listPresets(): PresetInfo[] {
  return presetNames().flatMap((name) => {
    try {
      const scenario = loadScenarioFile(join(presetFolder(), `${name}.yaml`)).scenario;
      const departments = departmentCount(scenario);
      return [{ name, description: scenario.description, departments, ticks: scenario.ticks, seed: scenario.seed }];
    } catch {
      return [];
    }
  });
}

/**
 * Loads a preset by name. Only names of files in scenarios/ are accepted: a path from a request body never reaches
 * the file system.
 */
export function loadPreset(name: string, field = 'preset'): Scenario {
  if (!PRESET_NAME.test(name) || !presetNames().includes(name)) {
    throw OrchestrationError.invalid('run request', [{ path: field, message: `unknown preset "${name}"; expected one of ${presetNames().join(', ')}` }]);
  }
  return rethrowWithPrefix(field, () => loadScenarioFile(join(presetFolder(), `${name}.yaml`)).scenario);
}

/**
 * Validates an inline scenario: YAML or JSON text, or an already parsed object. `extends:` may name a preset
 * (`extends: baseline-silos.yaml`), never another file.
 */
export function loadInlineScenario(input: unknown, field = 'scenario'): Scenario {
  return rethrowWithPrefix(field, () => {
    if (typeof input === 'string') return loadScenarioText(input, field, readPresetBase);
    if (input !== null && typeof input === 'object' && 'extends' in input) {
      // An object with `extends`: go through the text loader, which resolves it (JSON is YAML).
      return loadScenarioText(JSON.stringify(input), field, readPresetBase);
    }
    return parseScenario(input, field);
  });
}

function readPresetBase(name: string): { text: string; source: string } {
  const preset = name.replace(/^\.\//, '').replace(/\.yaml$/, '');
  if (!PRESET_NAME.test(preset) || !presetNames().includes(preset)) {
    throw new ScenarioError('scenario', [{ path: 'extends', message: `an inline scenario may extend only a preset (${presetNames().join(', ')}), got "${name}"` }]);
  }
  const loaded = loadScenarioFile(join(presetFolder(), `${preset}.yaml`));
  return { text: loaded.text, source: loaded.path };
}

/** Runs `load`, turning a ScenarioError into an INVALID_INPUT error whose paths start with the body field. */
function rethrowWithPrefix<T>(field: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ScenarioError) {
      const issues: InputIssue[] = error.issues.map((issue) => ({ path: issue.path.startsWith('line ') || issue.path === '(file)' ? `${field} (${issue.path})` : `${field}.${issue.path}`, message: issue.message }));
      throw OrchestrationError.invalid('run request', issues);
    }
    throw error;
  }
}

/** Applies a start request's `set` (dotted paths, any scenario key) and validates the result. */
export function applyStartOverrides(scenario: Scenario, overrides: Record<string, unknown>): Scenario {
  return rethrowWithPrefix('set', () => applyOverrides(scenario, overrides, 'set'));
}
