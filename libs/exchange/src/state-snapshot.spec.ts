// The start-of-tick state survives encoding bit for bit.
import { buildWorld, KeyedRandom } from '@silolab/engine';
import { loadScenarioFile } from '@silolab/runner';
import { decodeState, encodeState } from './state-snapshot';
import { parseDepartmentList, splitDepartments, departmentIdentity, departmentIndexOf } from './department-identity';

describe('state snapshots', () => {
  it('decode to the state that was encoded, agreements included', () => {
    const scenario = loadScenarioFile('workshop-small').scenario;
    const world = buildWorld(scenario, new KeyedRandom(3));
    const n = world.departments.length;
    const state = {
      tick: 7,
      reciprocity: Float64Array.from({ length: n * n }, (_, i) => i / 7),
      trust: Float64Array.from({ length: n * n }, (_, i) => Math.sin(i)),
      perceivedRisk: new Float64Array(n).fill(0.1 + 1e-17),
      publicLeakRate: 0.05,
      points: new Float64Array(n),
      penalties: new Float64Array(n),
      strategy: Uint8Array.from({ length: n }, (_, i) => i % 2),
      payoff: new Float64Array(n),
      flow: new Float64Array(n * n),
      lastShared: new Int32Array(n * n).fill(-1),
      agreements: new Map([[42, { status: 2, appliedAt: -1, due: -1, retryAt: 0, expiresAt: 9, breached: true }]]),
    };
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('reject a buffer that is not a snapshot', () => {
    expect(() => decodeState(Buffer.alloc(64))).toThrow(/not a version 1 snapshot/);
  });
});

describe('department identities', () => {
  it('map indices to queue identities and back, and parse lists and ranges', () => {
    expect(departmentIdentity(12)).toBe('d12');
    expect(departmentIndexOf('d12')).toBe(12);
    expect(departmentIndexOf('hub')).toBe(-1);
    expect(parseDepartmentList('0-2,5')).toEqual([0, 1, 2, 5]);
    expect(() => parseDepartmentList('3-x')).toThrow(/--departments/);
    expect(() => parseDepartmentList('0-12', '--departments', 12)).toThrow(/does not exist/);
    expect(splitDepartments(12, 2)).toEqual(['0-5', '6-11']);
    expect(splitDepartments(1, 3)).toEqual(['0']);
  });
});
