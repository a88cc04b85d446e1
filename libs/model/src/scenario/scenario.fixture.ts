// Test fixture: the smallest valid scenario, and the ScenarioError a call throws, for the specs of this lib and the engine.
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

/** The ScenarioError `run` throws (any other error is rethrown; none fails the test). */
export function scenarioErrorOf(run: () => unknown): ScenarioError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}
