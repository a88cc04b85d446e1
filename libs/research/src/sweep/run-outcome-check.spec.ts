import { checkRunOutcome } from './run-outcome-check';

const plan = { replications: 2, points: [{ index: 0, params: {}, seeds: [11, 12] }, { index: 1, params: {}, seeds: [21, 22] }] };

describe('checkRunOutcome', () => {
  it('accepts the run the plan says: point, replication and seed', () => {
    expect(() => checkRunOutcome(plan, { run: 3, point: 1, replication: 1, seed: 22 })).not.toThrow();
  });

  it.each([
    ['another seed', { run: 3, point: 1, replication: 1, seed: 21 }],
    ['another point', { run: 3, point: 0, replication: 1, seed: 22 }],
    ['another replication', { run: 3, point: 1, replication: 0, seed: 22 }],
    ['a run beyond the plan', { run: 4, point: 2, replication: 0, seed: 31 }],
  ])('refuses a result with %s, naming the run', (_case, outcome) => {
    expect(() => checkRunOutcome(plan, outcome)).toThrow(`result for run ${outcome.run} does not match the sweep plan`);
  });
});
