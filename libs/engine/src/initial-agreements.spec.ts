// Initial agreements answered on demand are exactly those the engine used to enumerate and store at tick 0.
import fc from 'fast-check';
import { parseScenario, type Scenario, type World } from '@silolab/model';
import { InitialAgreements } from './initial-agreements';
import { KeyedRandom } from './random/keyed-random';
import { buildWorld } from './world.builder';

/** The stored enumeration the engine did before (key → lapse tick), kept here as the reference. */
function enumerated(scenario: Scenario, world: World, random: KeyedRandom): Map<number, number> {
  const conditional = scenario.policies.conditional;
  const agreements = new Map<number, number>();
  const D = world.datasets.length;
  const R = world.regions.length;
  const coverKey = random.key('initial-agreement');
  const lapseKey = random.key('initial-agreement-lapse');
  const keys: number[] = [];
  for (const service of world.services) {
    for (let region = 0; region < R; region++) {
      const requester = world.departmentAt[service.provider * R + region];
      for (const need of service.needs) {
        for (let ownerRegion = 0; ownerRegion < R; ownerRegion++) {
          if (need.region === 'other' ? ownerRegion === region : ownerRegion !== region) continue;
          const dataset = world.departmentAt[need.system * R + ownerRegion] * world.datasetsPerDepartment + need.datasetSlot;
          if (world.datasets[dataset].shareType === 'conditional') keys.push(requester * D + dataset);
        }
      }
    }
  }
  for (const key of [...new Set(keys)].sort((a, b) => a - b)) {
    if (random.uniform(coverKey, 0, key) >= conditional.initialAgreementRate) continue;
    agreements.set(key, 1 + Math.floor(random.uniform(lapseKey, 0, key) * conditional.agreementTerm));
  }
  return agreements;
}

const shape = fc.record({
  seed: fc.nat({ max: 2 ** 31 - 1 }),
  systems: fc.integer({ min: 1, max: 4 }),
  regions: fc.integer({ min: 2, max: 5 }),
  datasets: fc.integer({ min: 1, max: 4 }),
  rate: fc.constantFrom(0, 0.3, 0.6, 1),
  otherShare: fc.boolean(),
});

describe('initial agreements', () => {
  it('answer for every (requester, dataset) key exactly as the stored tick-0 enumeration did', () => {
    fc.assert(
      fc.property(shape, ({ seed, systems, regions, datasets, rate, otherShare }) => {
        const ids = Array.from({ length: systems }, (_, i) => `line-${i}`);
        const scenario = parseScenario({
          name: 'agreements',
          population: { systems: ids, regions: Array.from({ length: regions }, (_, i) => `r-${i}`), datasetsPerDepartment: datasets },
          datasets: { shareTypes: { unconditional: 1, conditional: 2, notShareable: 0.5 } },
          demand: {
            mode: 'services',
            services: ids.map((provider, i) => ({ id: `s-${i}`, provider, applicationsPerTick: 1, needs: [{ system: ids[(i + 1) % systems], region: otherShare || ids[(i + 1) % systems] === provider ? 'other' : 'same' }, { system: provider, region: 'other' }] })),
          },
          policies: { conditional: { initialAgreementRate: rate, agreementTerm: 40 } },
        });
        const random = new KeyedRandom(seed);
        const world = buildWorld(scenario, random);
        const reference = enumerated(scenario, world, random);
        const initial = new InitialAgreements(scenario, world, random);
        const D = world.datasets.length;
        for (let requester = 0; requester < world.departments.length; requester++) {
          for (let dataset = 0; dataset < D; dataset++) {
            const key = requester * D + dataset;
            expect(initial.expiresAt(key)).toBe(reference.get(key) ?? -1);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
