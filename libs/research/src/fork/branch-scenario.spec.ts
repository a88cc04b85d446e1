import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioText, ScenarioError, type Scenario } from '@silolab/model';
import { branchScenario } from './branch-scenario';

const parent: Scenario = loadScenarioText(readFileSync(join(__dirname, '../../../../scenarios/workshop-small.yaml'), 'utf8'), 'workshop-small');

function issuesOf(set: Record<string, unknown>): Array<{ path: string; message: string }> {
  try {
    branchScenario(parent, 5, set);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('expected the branch to be refused');
}

describe('branchScenario', () => {
  it("is the parent's scenario with one more intervention labelled fork at the given tick", () => {
    const branch = branchScenario(parent, 5, { 'policies.standards.adoption': 0.8 });
    expect(branch.interventions).toEqual([...parent.interventions, { at: 5, set: { 'policies.standards.adoption': 0.8 }, label: 'fork' }]);
    expect({ ...branch, interventions: parent.interventions }).toEqual(parent);
  });

  it('refuses a path that cannot change during a run, naming it as --set <path>', () => {
    const issues = issuesOf({ 'population.systems': ['a'] });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('--set population.systems');
    expect(issues[0].message).toMatch(/cannot be changed during a run/);
  });

  it('refuses an out-of-range value, naming the path', () => {
    const issues = issuesOf({ 'policies.standards.adoption': 2 });
    expect(issues.map((issue) => issue.path)).toEqual(['--set policies.standards.adoption']);
  });
});
