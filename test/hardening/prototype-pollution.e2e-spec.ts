// Property: no path and value given to `--set`, the API's `set`, a lever, a fork or a sweep changes Object.prototype
// (or any other built-in prototype); each is applied or refused with an input error, and the run manager keeps
// starting runs afterwards.
import fc from 'fast-check';
import { Simulation } from '@silolab/engine';
import { applyOverrides, ScenarioError, type Scenario } from '@silolab/model';
import { OrchestrationError } from '@silolab/orchestration';
import { branchScenario, planSweep, SweepError } from '@silolab/research';
import { AssignmentError, loadScenarioFile, parseAssignment } from '@silolab/runner';
import { useRunManager } from '../orchestrator/support/run-manager-fixture';

const PROTOTYPES: Array<[string, object]> = [
  ['Object', Object.prototype],
  ['Array', Array.prototype],
  ['Function', Function.prototype],
  ['String', String.prototype],
];
const snapshot = () => PROTOTYPES.map(([name, proto]) => [name, Object.getOwnPropertyNames(proto).sort().join(',')]);

/** A path segment: scenario keys, prototype names, built-in method names and random text. */
const segment = fc.oneof(
  fc.constantFrom('__proto__', 'prototype', 'constructor', 'policies', 'incentives', 'pointsPerShare', 'standards', 'adoption', 'demand', 'services', 'applicationsPerTick', 'toString', 'hasOwnProperty', 'length', 'polluted'),
  fc.string({ maxLength: 6 }),
);
const path = fc
  .array(fc.tuple(segment, fc.option(fc.nat({ max: 3 }), { nil: undefined })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([key, index]) => (index === undefined ? key : `${key}[${index}]`)).join('.'));
/** Values, including objects whose own `__proto__` key JSON.parse made (as a request body does). */
const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(JSON.parse('{"__proto__": {"polluted": 1}}'), JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}')));
const changes = fc.dictionary(path, value, { minKeys: 1, maxKeys: 3 });

/** Runs `work`; input errors are expected answers, anything else fails the property. */
function expectInputErrorOrSuccess(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof SweepError || error instanceof OrchestrationError || error instanceof AssignmentError) return;
    throw error;
  }
}

describe('no user path or value changes a built-in prototype', () => {
  const before = snapshot();
  let base: Scenario;

  beforeAll(() => {
    base = loadScenarioFile('workshop-small').scenario;
  });

  afterEach(() => {
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('through silolab run --set (parseAssignment, then applyOverrides)', () => {
    fc.assert(
      fc.property(path, fc.jsonValue({ maxDepth: 2 }), (p, v) => {
        expectInputErrorOrSuccess(() => applyOverrides(base, parseAssignment(`${p}=${JSON.stringify(v)}`), '--set'));
        expect(snapshot()).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('through levers of a running simulation and fork changes', () => {
    const simulation = new Simulation(base, { ticks: 2 });
    fc.assert(
      fc.property(changes, (set) => {
        for (const [p, v] of Object.entries(set)) expectInputErrorOrSuccess(() => simulation.setLever(p, v));
        expectInputErrorOrSuccess(() => branchScenario(base, 1, set));
        expect(snapshot()).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('through sweep files (set and parameters)', () => {
    fc.assert(
      fc.property(changes, path, fc.array(value, { minLength: 1, maxLength: 2 }), (set, parameter, levels) => {
        expectInputErrorOrSuccess(() => planSweep({ name: 'probe', scenario: 'workshop-small', replications: 1, set, parameters: { [parameter]: levels } }, base, ['sharingRate']));
        expect(snapshot()).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  describe('through the API', () => {
    const fixture = useRunManager();

    it("through a start request's set and lever changes, after which runs still start and list", async () => {
      const started = await fixture.manager.start({ preset: 'workshop-small', paused: true });
      await fc.assert(
        fc.asyncProperty(changes, async (set) => {
          await fixture.manager.start({ preset: 'workshop-small', paused: true, set }).then(
            (run) => fixture.manager.stop(run.id),
            (error: unknown) => expect(error).toBeInstanceOf(OrchestrationError),
          );
          for (const [p, v] of Object.entries(set)) {
            await fixture.manager.setLever(started.id, { path: p, value: v }).catch((error: unknown) => expect(error).toBeInstanceOf(OrchestrationError));
          }
          expect(snapshot()).toEqual(before);
        }),
        { numRuns: 40 },
      );
      const after = await fixture.manager.start({ preset: 'workshop-small', paused: true });
      expect(after.status).toBe('paused');
      expect((await fixture.manager.list({ limit: 1000 })).length).toBeGreaterThan(1);
    });
  });
});
