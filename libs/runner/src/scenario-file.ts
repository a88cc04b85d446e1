// Reading scenario files from disk (or by preset name) into validated scenarios.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ScenarioError, loadScenarioText, type Scenario } from '@silolab/model';
import { projectRoot } from './project-root';

/** Resolves a scenario argument: a path, or the name of a preset in `scenarios/` (`baseline-silos`). */
export function resolveScenarioPath(argument: string): string {
  if (existsSync(argument)) return resolve(argument);
  const preset = join(projectRoot(), 'scenarios', argument.endsWith('.yaml') ? argument : `${argument}.yaml`);
  return existsSync(preset) ? preset : resolve(argument);
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
