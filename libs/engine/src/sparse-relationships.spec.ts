// The sparse relationship layout gives the same runs as the dense n × n layout it replaced, bit for bit.
import fc from 'fast-check';
import { parseScenario, type Scenario } from '@silolab/model';
import { denseRelationships, DenseRelationships } from './dense-relationships.fixture';
import { relationshipDefaults, type RelationshipStore } from './relationship-store';
import { Simulation, type TickResult } from './simulation';
import { SparseRelationships } from './sparse-relationships';

/** What varies: population shape, demand mode, behaviour, levers and the network window. */
interface Shape {
  seed: number;
  systems: number;
  regions: number;
  demand: 'services' | 'random-pairs' | 'pairing';
  model: 'utility-logit' | 'fixed' | 'imitation';
  window: number;
  networkEvery: number;
  leakRate: number;
  trustWithin: number;
  trustAcross: number;
}

const shape: fc.Arbitrary<Shape> = fc.record({
  seed: fc.nat({ max: 2 ** 31 - 1 }),
  systems: fc.integer({ min: 1, max: 5 }),
  regions: fc.integer({ min: 2, max: 6 }),
  demand: fc.constantFrom('services', 'random-pairs', 'pairing'),
  model: fc.constantFrom('utility-logit', 'fixed', 'imitation'),
  window: fc.integer({ min: 1, max: 8 }),
  networkEvery: fc.integer({ min: 1, max: 3 }),
  leakRate: fc.constantFrom(0, 0.05, 0.3),
  // Defaults whose repeated sums round differently (ties included), as the scenario keys allow.
  trustWithin: fc.constantFrom(0.65, 0.7, 0.5 + 2 ** -40, 1 / 3),
  trustAcross: fc.constantFrom(0.55, 0.1, 0.45, 2 / 3),
});

function scenarioOf(s: Shape): Scenario {
  const systems = Array.from({ length: s.systems }, (_, i) => `line-${i}`);
  const regions = Array.from({ length: s.regions }, (_, i) => `block-${i}`);
  const services = systems.map((provider, i) => ({
    id: `service-${i}`,
    provider,
    applicationsPerTick: 1.5 + i,
    needs: [systems[(i + 1) % systems.length] === provider ? { system: provider, region: 'other' } : systems[(i + 1) % systems.length], { system: provider, region: 'other' }],
  }));
  const demand = s.demand === 'services' ? { mode: 'services', services } : s.demand === 'random-pairs' ? { mode: 'random-pairs', probability: 0.3 } : { mode: 'pairing', rounds: 2 };
  return parseScenario({
    name: 'layouts',
    seed: s.seed,
    ticks: 12,
    population: { systems, regions, datasetsPerDepartment: 2 },
    demand,
    policies: { provenance: 'digest', catalogue: { coverage: 0.8 } },
    behaviour: { model: s.model, learning: { initialTrustWithin: s.trustWithin, initialTrustAcross: s.trustAcross } },
    leaks: { rate: s.leakRate },
    metrics: { window: s.window, networkEvery: s.networkEvery },
  });
}

async function run(scenario: Scenario, layout: 'sparse' | 'dense'): Promise<{ digest: string; ticks: TickResult[]; relationships: RelationshipStore }> {
  const simulation = new Simulation(scenario, layout === 'dense' ? { relationships: denseRelationships } : {});
  const ticks: TickResult[] = [];
  while (!simulation.done) ticks.push(await simulation.step());
  return { digest: (await simulation.finish()).digest, ticks, relationships: simulation.state.relationships };
}

describe('sparse relationships', () => {
  it('give the dense layout’s metrics, communities, digest and final pair state on random scenarios', async () => {
    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        const scenario = scenarioOf(s);
        const sparse = await run(scenario, 'sparse');
        const dense = await run(scenario, 'dense');
        expect(sparse.ticks.map((t) => [t.metrics, Array.from(t.communityOf)])).toEqual(dense.ticks.map((t) => [t.metrics, Array.from(t.communityOf)]));
        expect(sparse.digest).toBe(dense.digest);
        const n = sparse.relationships.departments;
        for (let a = 0; a < n; a++) {
          for (let b = 0; b < n; b++) {
            const slot = sparse.relationships.find(a, b);
            const pair = a * n + b;
            expect([sparse.relationships.trustOf(a, b), sparse.relationships.reciprocityOf(a, b)]).toEqual([dense.relationships.trust[pair], dense.relationships.reciprocity[pair]]);
            expect(slot >= 0 ? [sparse.relationships.flow[slot], sparse.relationships.lastShared[slot]] : [0, -1]).toEqual([dense.relationships.flow[pair], dense.relationships.lastShared[pair]]);
          }
        }
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('replay the dense trust sums and window ties for any set of touched pairs, values and systems', () => {
    const world = fc
      .record({ sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }), since: fc.integer({ min: 0, max: 4 }) })
      .chain(({ sizes, since }) => {
        const n = sizes.reduce((x, y) => x + y, 0);
        const pair = fc.record({ a: fc.nat({ max: n - 1 }), b: fc.nat({ max: n - 1 }), trust: fc.double({ min: 0, max: 1, noNaN: true }), flow: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true })), last: fc.integer({ min: -1, max: 6 }) });
        return fc.record({ sizes: fc.constant(sizes), since: fc.constant(since), pairs: fc.array(pair, { maxLength: 60 }) });
      });
    fc.assert(
      fc.property(world, ({ sizes, since, pairs }) => {
        const systemOf = Int32Array.from(sizes.flatMap((size, system) => Array.from({ length: size }, () => system)));
        const defaults = relationshipDefaults(scenarioOf({ seed: 1, systems: 1, regions: 2, demand: 'pairing', model: 'fixed', window: 1, networkEvery: 1, leakRate: 0, trustWithin: 0.7, trustAcross: 0.45 }));
        const sparse = new SparseRelationships(systemOf, defaults, 16);
        const dense = new DenseRelationships(systemOf, defaults);
        for (const { a, b, trust, flow, last } of pairs) {
          for (const store of [sparse, dense]) {
            const slot = store.slot(a, b);
            store.trust[slot] = trust;
            store.flow[slot] = flow;
            store.lastShared[slot] = last;
          }
        }
        expect(sparse.trustSums()).toEqual(dense.trustSums());
        const tiesOf = (store: RelationshipStore) => {
          const ties = store.windowTies(since);
          return Array.from({ length: ties.length }, (_, i) => [ties.source[i], ties.target[i], ties.weight[i]]);
        };
        expect(tiesOf(sparse)).toEqual(tiesOf(dense));
      }),
      { numRuns: 300 },
    );
  });

  it('refuse departments that are not numbered system by system', () => {
    expect(() => new SparseRelationships(Int32Array.from([0, 1, 0]), relationshipDefaults(scenarioOf({ seed: 1, systems: 1, regions: 2, demand: 'pairing', model: 'fixed', window: 1, networkEvery: 1, leakRate: 0, trustWithin: 0.7, trustAcross: 0.45 })))).toThrow(/numbered system by system/);
  });
});
