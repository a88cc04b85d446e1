// The start-of-tick state survives encoding bit for bit.
import { buildWorld, KeyedRandom, relationshipDefaults, Simulation, SparseRelationships } from '@silolab/engine';
import { applyOverrides } from '@silolab/model';
import { loadScenarioFile } from '@silolab/runner';
import { decodeState, encodeState } from './state-snapshot';
import { parseDepartmentList, splitDepartments, departmentIdentity, departmentIndexOf } from './department-identity';

describe('state snapshots', () => {
  it('decode to the state that was encoded: every pair with a slot, the defaults of the others, agreements included', () => {
    const scenario = loadScenarioFile('workshop-small').scenario;
    const world = buildWorld(scenario, new KeyedRandom(3));
    const n = world.departments.length;
    const systemOf = Int32Array.from(world.departments, (d) => d.system);
    const relationships = new SparseRelationships(systemOf, relationshipDefaults(scenario));
    for (const [a, b, value] of [[0, 5, 1 / 7], [5, 0, Math.sin(3)], [11, 2, 0.1 + 1e-17]] as const) {
      const slot = relationships.slot(a, b);
      relationships.trust[slot] = value;
      relationships.reciprocity[slot] = 1 - value;
      relationships.flow[slot] = value * 3;
      relationships.lastShared[slot] = a + b;
    }
    const state = {
      tick: 7,
      relationships,
      perceivedRisk: new Float64Array(n).fill(0.1 + 1e-17),
      publicLeakRate: 0.05,
      points: new Float64Array(n),
      penalties: new Float64Array(n),
      strategy: Uint8Array.from({ length: n }, (_, i) => i % 2),
      payoff: new Float64Array(n),
      agreements: new Map([[42, { status: 2, appliedAt: -1, due: -1, retryAt: 0, expiresAt: 9, breached: true }]]),
    };
    const encoded = encodeState(state);
    expect(encoded.byteLength).toBe(8 * (11 + 6 * n + 6 * 3 + 7));
    const { relationships: decoded, ...rest } = decodeState(encoded);
    const { relationships: _original, ...expected } = state;
    expect(rest).toEqual(expected);
    expect(decoded.size).toBe(3);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        expect([decoded.trustOf(a, b), decoded.reciprocityOf(a, b)]).toEqual([relationships.trustOf(a, b), relationships.reciprocityOf(a, b)]);
        const slot = decoded.find(a, b);
        const original = relationships.find(a, b);
        expect(slot >= 0 ? [decoded.flow[slot], decoded.lastShared[slot]] : null).toEqual(original >= 0 ? [relationships.flow[original], relationships.lastShared[original]] : null);
      }
    }
  });

  it('of a national-scale run grow with the pairs that exchanged: kilobytes where n² arrays took 37.5 MB', async () => {
    const national = loadScenarioFile('national-scale').scenario;
    const services = national.demand.mode === 'services' ? national.demand.services.map((service) => ({ ...service, applicationsPerTick: 2 })) : [];
    const simulation = new Simulation(applyOverrides(national, { 'demand.services': services }), { ticks: 2 });
    await simulation.step();
    await simulation.step();
    const { relationships, agreements } = simulation.state;
    const n = simulation.world.departments.length;
    expect(relationships.size).toBeGreaterThan(1000);
    const bytes = encodeState(simulation.state).byteLength;
    expect(bytes).toBe(8 * (11 + 6 * n + 6 * relationships.size + 7 * agreements.size));
    expect(bytes).toBeLessThan((4 * n * n * 8) / 20);
  });

  it('reject a buffer that is not a snapshot', () => {
    expect(() => decodeState(Buffer.alloc(96))).toThrow(/not a version 2 snapshot/);
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
