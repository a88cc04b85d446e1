// A counterfactual branch of a run: the parent's scenario with one more intervention from a tick on.
import { applyOverrides, parseScenario, unchangeableReason, ScenarioError, type InputIssue, type Scenario } from '@silolab/model';

/**
 * The branch's scenario: the parent's with one more intervention, `{ at, set }`. Because every random draw is keyed
 * by (seed, purpose, tick, ids) the branch sees the same draws as the parent: everything before `at` repeats exactly,
 * and afterwards the branches differ only where the change itself matters. Each path must be changeable during a run
 * (policies, permissions, behaviour, leaks, demand services) and its value valid; problems name `--set <path>`.
 */
export function branchScenario(parent: Scenario, at: number, set: Record<string, unknown>): Scenario {
  const issues: InputIssue[] = [];
  for (const path of Object.keys(set)) {
    const unchangeable = unchangeableReason(path);
    if (unchangeable) issues.push({ path: `--set ${path}`, message: unchangeable });
  }
  if (issues.length === 0) {
    try {
      applyOverrides(parent, set, 'fork');
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      issues.push(...error.issues.map((issue) => ({ path: `--set ${issue.path}`, message: issue.message })));
    }
  }
  if (issues.length > 0) throw new ScenarioError('fork', issues);
  return parseScenario({ ...parent, interventions: [...parent.interventions, { at, set, label: 'fork' }] }, 'fork');
}

