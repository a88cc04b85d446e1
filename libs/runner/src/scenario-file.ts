// Reading scenario files from disk (or by preset name) into validated scenarios.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ScenarioError, loadScenarioText, parseScenario, parseYaml, type Scenario } from '@silolab/model';
import { projectRoot } from './project-root';

/** Resolves a scenario argument: a path, or the name of a preset in `scenarios/` (`baseline-silos`). */
export function resolveScenarioPath(argument: string): string {
  if (existsSync(argument)) return resolve(argument);
  const preset = join(projectRoot(), 'scenarios', argument.endsWith('.yaml') ? argument : `${argument}.yaml`);
  return existsSync(preset) ? preset : resolve(argument);
}

/** The content of a run-input file (YAML or JSON); an unreadable file is a {@link ScenarioError} naming it. */
function readInputFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, [{ path: '(file)', message: `cannot read: ${(error as Error).message}` }]);
  }
  return parseYaml(text, file);
}

/**
 * The scenario with the recorded human decisions of a file (`--decisions`): YAML or JSON, either a list of decisions
 * or an exported session (`decisions:` beside the scenario). They replace any the scenario carries and are checked
 * with the scenario schema, so errors name the file and the decision (`decisions[3].reason`).
 */
export function withDecisionsFile(scenario: Scenario, file: string): Scenario {
  const content = readInputFile(file);
  const decisions = Array.isArray(content) ? content : content !== null && typeof content === 'object' && 'decisions' in content ? content.decisions : undefined;
  if (decisions === undefined) throw new ScenarioError(file, [{ path: '(root)', message: 'expected a list of decisions, or a file with a decisions: list' }]);
  return parseScenario({ ...scenario, decisions }, file);
}

/**
 * The scenario with the faults of a file (`--faults`): YAML or JSON, the `faults:` section itself or a file with a
 * `faults:` key. They replace any the scenario carries and are checked with the scenario schema, so errors name the
 * file and the path (`faults.messages.drop`). Faults are run inputs: the scenario hash and the digest do not change.
 */
export function withFaultsFile(scenario: Scenario, file: string): Scenario {
  const content = readInputFile(file);
  if (content === null || typeof content !== 'object' || Array.isArray(content)) throw new ScenarioError(file, [{ path: '(root)', message: 'expected a faults section (messages:, events:), or a file with a faults: key' }]);
  const faults = 'faults' in content ? content.faults : content;
  return parseScenario({ ...scenario, faults }, file);
}

/** Loads and validates a scenario file; unreadable files and invalid content throw a {@link ScenarioError}. */
export function loadScenarioFile(argument: string): { scenario: Scenario; path: string; text: string } {
  const path = resolveScenarioPath(argument);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError(argument, [{ path: '(file)', message: code === 'ENOENT' ? 'no such file (and no preset of that name in scenarios/)' : `cannot read: ${(error as Error).message}` }]);
  }
  const readBase = (from: string) => (name: string) => {
    const basePath = resolve(dirname(from), name);
    try {
      return { text: readFileSync(basePath, 'utf8'), source: basePath };
    } catch {
      throw new ScenarioError(argument, [{ path: 'extends', message: `cannot read base scenario ${basePath}` }]);
    }
  };
  return { scenario: loadScenarioText(text, argument, readBase(path)), path, text };
}
