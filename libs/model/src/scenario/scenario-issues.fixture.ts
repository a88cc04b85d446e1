// For specs: the issues a ScenarioError reports, or a failure when the call does not throw one.
import { ScenarioError } from './scenario-error';

/** Runs `run` and returns the issues of the ScenarioError it throws; rethrows anything else. */
export function issuesOf(run: () => unknown): Array<{ path: string; message: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}
