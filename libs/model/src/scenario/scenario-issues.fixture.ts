// For specs: the smallest valid scenario, and the ScenarioError (or its issues) a call throws — a failure when the
// call throws none.
import { ScenarioError } from './scenario-error';

/** Two systems, two regions, one service: valid, with every other key at its default. */
export const MINIMAL_SCENARIO = `
name: tiny
population:
  systems: [a, b]
  regions: [north, south]
demand:
  mode: services
  services:
    - { id: s1, provider: a, applicationsPerTick: 2, needs: [b] }
`;

/** Runs `run` and returns the ScenarioError it throws; rethrows anything else. */
export function scenarioErrorOf(run: () => unknown): ScenarioError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

/** Runs `run` and returns the issues of the ScenarioError it throws; rethrows anything else. */
export function issuesOf(run: () => unknown): Array<{ path: string; message: string }> {
  return scenarioErrorOf(run).issues;
}
