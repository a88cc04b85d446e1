import { getPath, parsePath, setPath } from './scenario.paths';
import { mergeScenarioInput } from './scenario.merge';
import { applyOverrides, loadScenarioText, parseScenario, unchangeableReason } from './scenario.loader';
import { ScenarioError } from './scenario-error';
import { MINIMAL_SCENARIO as minimal, scenarioErrorOf as scenarioError } from './scenario-issues.fixture';

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('scenario paths', () => {
  const before = prototypeKeys();
  afterEach(() => {
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['__proto__.polluted', 'policies.__proto__.polluted', 'constructor.prototype.polluted', 'demand.services[0].constructor', 'a.prototype'])(
    'refuses the path %s with a ScenarioError naming it, and changes no prototype',
    (path) => {
      const error = scenarioError(() => parsePath(path, '--set'));
      expect(error.source).toBe('--set');
      expect(error.issues[0].path).toBe(path);
      expect(error.issues[0].message).toMatch(/"(__proto__|prototype|constructor)" is not allowed/);
      expect(() => setPath({}, path, 1)).toThrow(ScenarioError);
    },
  );

  it('refuses a forbidden path in --set, a lever, an intervention and a fork-style change alike', () => {
    const scenario = loadScenarioText(minimal);
    expect(scenarioError(() => applyOverrides(scenario, { '__proto__.polluted': 1 }, '--set')).message).toContain('--set: invalid scenario\n  __proto__.polluted: "__proto__" is not allowed');
    expect(unchangeableReason('policies.__proto__.polluted')).toMatch(/"__proto__" is not allowed/);
    const withIntervention = { ...loadScenarioText(minimal), interventions: [{ at: 1, set: { 'policies.constructor.prototype.polluted': 1 } }] };
    expect(scenarioError(() => parseScenario(withIntervention)).issues[0]).toMatchObject({ path: 'interventions[0].set.policies.constructor.prototype.polluted' });
  });

  it('sets a value by building new objects along the path, leaving the input as it was', () => {
    const input = { policies: { incentives: { pointsPerShare: 0 } }, other: { kept: true } };
    const next = setPath(input, 'policies.incentives.pointsPerShare', 2);
    expect(next.policies.incentives.pointsPerShare).toBe(2);
    expect(input.policies.incentives.pointsPerShare).toBe(0);
    expect(next.other).toBe(input.other);
    expect(setPath({ list: [1, 2] }, 'list[2]', 3)).toEqual({ list: [1, 2, 3] });
  });

  it('refuses list indices that would leave holes, and keys that are not indices on lists', () => {
    // A list of a hundred million holes would take the validator minutes to walk.
    expect(scenarioError(() => setPath({ list: [1] }, 'list[99999999]', 1)).issues[0].message).toBe('list has 1 entries; [99999999] would leave a gap (append with [1])');
    expect(scenarioError(() => setPath({ list: [1] }, 'list.length', 1e9)).issues[0].message).toMatch(/list is a list; index it/);
    expect(scenarioError(() => setPath({ map: {} }, 'map[0]', 1)).issues[0].message).toBe('map is not a list, so [0] does not apply');
  });

  it('reads own properties only', () => {
    expect(getPath({}, 'toString')).toBeUndefined();
    expect(getPath({ a: [1] }, 'a.length')).toBeUndefined();
    expect(getPath({ a: { b: 1 } }, 'a.b')).toBe(1);
  });

  it('refuses a __proto__ key that JSON or YAML made an own property in an extends merge', () => {
    const override = JSON.parse('{"policies": {"__proto__": {"polluted": 1}}}');
    const error = scenarioError(() => mergeScenarioInput({ policies: {} }, override, 'my.yaml'));
    expect(error.message).toContain('my.yaml: invalid scenario\n  policies.__proto__: "__proto__" is not allowed');
    const yaml = `extends: base.yaml\n__proto__:\n  polluted: 1\n`;
    const fromYaml = scenarioError(() => loadScenarioText(yaml, 'child.yaml', () => ({ text: minimal, source: 'base.yaml' })));
    expect(fromYaml.issues[0]).toMatchObject({ path: '__proto__' });
  });
});
