// A run's result checked against the sweep plan before it is journaled: results from a stale queue are refused.
import type { RunOutcome } from '../runs/run-job';
import type { SweepPlan } from './sweep-plan';

/**
 * Throws unless `outcome` is the run the plan says: run `r` is point `floor(r / replications)`, replication
 * `r % replications`, with that replication's seed.
 */
export function checkRunOutcome(plan: Pick<SweepPlan, 'points' | 'replications'>, outcome: Pick<RunOutcome, 'run' | 'point' | 'replication' | 'seed'>): void {
  const point = Math.floor(outcome.run / plan.replications);
  const expected = plan.points[point]?.seeds[outcome.run % plan.replications];
  if (outcome.point !== point || outcome.replication !== outcome.run % plan.replications || outcome.seed !== expected) {
    throw new Error(`result for run ${outcome.run} does not match the sweep plan (point ${outcome.point}, seed ${outcome.seed}; expected point ${point}, seed ${expected})`);
  }
}
