// Loading a scenario: YAML text → validated Scenario, with every problem reported by key path.
import type { z } from 'zod';
import { ScenarioError, formatPath, namesList, type InputIssue } from './scenario-error';
import { needRegionIssues } from './need-regions.check';
import { mergeScenarioInput } from './scenario.merge';
import { parsePath, setPath } from './scenario.paths';
import { scenarioSchema, type Scenario } from './scenario.schema';
import { MAX_INPUT_DEPTH, tooDeepAt } from './input-depth';
import { parseYaml, quoteExcerpt } from './yaml-text';
import { departmentCount } from '../region-tree';

const issuesOf = (error: z.ZodError, prefix = ''): InputIssue[] =>
  error.issues.map((issue) => {
    const keys = 'keys' in issue && Array.isArray(issue.keys) && issue.keys.length ? `.${issue.keys.join(', ')}` : '';
    const path = formatPath(issue.path) + keys;
    return { path: prefix + path, message: issue.message };
  });

/** Rules that span several keys: services name known systems and regions; the game needs pairing and imitation. */
function crossChecks(scenario: Scenario): InputIssue[] {
  const issues: InputIssue[] = [];
  const systems = new Set(scenario.population.systems);
  if (scenario.demand.mode === 'services') {
    scenario.demand.services.forEach((service, s) => {
      if (!systems.has(service.provider)) {
        issues.push({ path: `demand.services[${s}].provider`, message: `unknown system ${quoteExcerpt(service.provider)}; expected one of ${namesList(systems)}` });
      }
      service.needs.forEach((need, n) => {
        const system = typeof need === 'string' ? need : need.system;
        if (!systems.has(system)) issues.push({ path: `demand.services[${s}].needs[${n}]`, message: `unknown system ${quoteExcerpt(system)}; expected one of ${namesList(systems)}` });
      });
    });
    issues.push(...needRegionIssues(scenario));
  }
  if (scenario.game && (scenario.demand.mode !== 'pairing' || scenario.behaviour.model !== 'imitation')) {
    issues.push({ path: 'game', message: 'a payoff matrix needs demand.mode: pairing and behaviour.model: imitation' });
  }
  const departments = departmentCount(scenario);
  scenario.faults?.events.forEach((event, e) => {
    if ('department' in event && event.department >= departments) issues.push({ path: `faults.events[${e}].department`, message: `expected a department index below ${departments}, got ${event.department}` });
  });
  return issues;
}

/** Paths a running simulation can change (interventions, trainer levers, forks); the population and world are fixed. */
export const CHANGEABLE = /^(policies|permissions|behaviour|leaks)\.|^demand\.(services|probability|rounds|minQuality)\b/;

/** Why `path` cannot be changed during a run, or null when it can. The one check behind interventions, levers and forks. */
export function unchangeableReason(path: string): string | null {
  try {
    parsePath(path);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues[0].message;
    throw error;
  }
  return CHANGEABLE.test(path) ? null : 'cannot be changed during a run; changeable: policies.*, permissions.*, behaviour.*, leaks.*, demand.services / probability / rounds / minQuality';
}

/** Validates a scenario object (e.g. parsed YAML). Throws {@link ScenarioError} listing every problem. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const deep = tooDeepAt(input);
  if (deep) throw new ScenarioError(source, [{ path: deep, message: `nested deeper than ${MAX_INPUT_DEPTH} levels` }]);
  const result = scenarioSchema.safeParse(input);
  if (!result.success) throw new ScenarioError(source, issuesOf(result.error));
  const scenario = result.data;
  const issues = crossChecks(scenario);
  // Every intervention must leave a valid scenario: apply each one in turn and validate.
  let patched: unknown = input;
  scenario.interventions.forEach((intervention, i) => {
    for (const [path, value] of Object.entries(intervention.set)) {
      const unchangeable = unchangeableReason(path);
      if (unchangeable) {
        issues.push({ path: `interventions[${i}].set.${path}`, message: unchangeable });
        continue;
      }
      try {
        patched = setPath(patched, path, value);
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        issues.push(...error.issues.map((issue) => ({ path: `interventions[${i}].set.${path}`, message: issue.message })));
      }
    }
    // The interventions themselves were validated above and no path may change them: checking the rest keeps this
    // linear in their number (a thousand interventions would otherwise be parsed a million times).
    const check = scenarioSchema.safeParse({ ...(patched as object), interventions: [] });
    if (!check.success) issues.push(...issuesOf(check.error, `interventions[${i}].set → `));
  });
  // Recorded lever changes are checked as a live lever is: a changeable path (the value when its tick opens).
  (scenario.levers ?? []).forEach((lever, i) => {
    const unchangeable = unchangeableReason(lever.path);
    if (unchangeable) issues.push({ path: `levers[${i}].path`, message: unchangeable });
  });
  if (issues.length > 0) throw new ScenarioError(source, issues);
  return scenario;
}

/**
 * Parses YAML scenario text. A top-level `extends: <file>` starts from another scenario (read with
 * `readBase`, relative to this one) and deep-merges this file over it.
 */
export function loadScenarioText(text: string, source = 'scenario', readBase?: (name: string) => { text: string; source: string }): Scenario {
  return parseScenario(resolveExtends(parseYaml(text, source), source, readBase, [source]), source);
}

function resolveExtends(input: unknown, source: string, readBase: ((name: string) => { text: string; source: string }) | undefined, chain: string[]): unknown {
  if (input === null || typeof input !== 'object' || !('extends' in input)) return input;
  const { extends: base, ...rest } = input as Record<string, unknown>;
  if (typeof base !== 'string') throw new ScenarioError(source, [{ path: 'extends', message: 'expected the path of another scenario file' }]);
  if (!readBase) throw new ScenarioError(source, [{ path: 'extends', message: 'extends is only allowed in scenario files' }]);
  const loaded = readBase(base);
  if (chain.includes(loaded.source)) throw new ScenarioError(source, [{ path: 'extends', message: `circular extends: ${[...chain, loaded.source].join(' → ')}` }]);
  const baseInput = resolveExtends(parseYaml(loaded.text, loaded.source), loaded.source, readBase, [...chain, loaded.source]);
  return mergeScenarioInput(baseInput, rest, source);
}

/** A copy of the scenario with dotted paths set (e.g. from `--set` or a sweep point), validated again. */
export function applyOverrides(scenario: Scenario, overrides: Record<string, unknown>, source = 'overrides'): Scenario {
  let patched: unknown = scenario;
  for (const [path, value] of Object.entries(overrides)) patched = setPath(patched, path, value, source);
  return parseScenario(patched, source);
}
