// Nested regions (centre → province → prefecture → county): where applications arrive and where needs' owners are.
import { parseScenario, type Scenario, type World } from '@silolab/model';
import type { ExchangeResolver } from './exchange-resolver';
import { InitialAgreements } from './initial-agreements';
import { KeyedRandom } from './random/keyed-random';
import { Simulation } from './simulation';
import { buildWorld } from './world.builder';

const LEVELS = [
  { name: 'centre', count: 1 },
  { name: 'province', count: 3 },
  { name: 'prefecture', count: 7 },
  { name: 'county', count: 20 },
];

function nestedScenario(extra: Record<string, unknown> = {}): Scenario {
  return parseScenario({
    name: 'nested',
    ticks: 3,
    population: { systems: ['civil-affairs', 'health', 'tax'], regions: { levels: LEVELS }, datasetsPerDepartment: 2 },
    datasets: { shareTypes: { unconditional: 1, conditional: 1, notShareable: 0 } },
    demand: {
      mode: 'services',
      services: [
        {
          id: 'county-benefit',
          provider: 'civil-affairs',
          level: 'county',
          applicationsPerTick: 6,
          needs: ['health', { system: 'civil-affairs', region: 'parent' }, { system: 'tax', region: { ancestor: 'province' } }, { system: 'health', region: { within: 'province' } }, { system: 'tax', region: 'other' }],
        },
        { id: 'prefecture-licence', provider: 'tax', level: 'prefecture', applicationsPerTick: 2, needs: [{ system: 'health', region: 'parent' }, { system: 'tax', region: { within: 'province' } }] },
      ],
    },
    ...extra,
  });
}

/** The ancestor of a region at a level, by walking parents (independently of the code under test). */
function ancestor(world: World, region: number, level: string): number {
  let r = region;
  while (world.regionLevels[world.regionLevel[r]] !== level) r = world.regionParent[r];
  return r;
}

/** Whether the owner region is where the need says, for the need's index in its service. */
function satisfies(world: World, service: number, need: number, applicant: number, owner: number): boolean {
  const levelOf = (r: number) => world.regionLevel[r];
  const rules: Array<Array<() => boolean>> = [
    [() => owner === applicant, () => owner === world.regionParent[applicant], () => owner === ancestor(world, applicant, 'province'), () => owner !== applicant && levelOf(owner) === levelOf(applicant) && ancestor(world, owner, 'province') === ancestor(world, applicant, 'province'), () => owner !== applicant && levelOf(owner) === levelOf(applicant)],
    [() => owner === world.regionParent[applicant], () => owner !== applicant && levelOf(owner) === levelOf(applicant) && ancestor(world, owner, 'province') === ancestor(world, applicant, 'province')],
  ];
  return rules[service][need]();
}

describe('nested regions', () => {
  it('number regions level by level with parents spread evenly, and name them by level', () => {
    const world = buildWorld(nestedScenario(), new KeyedRandom(1));
    expect(world.regions.length).toBe(31);
    expect(world.regions.slice(0, 5)).toEqual(['centre', 'province-0', 'province-1', 'province-2', 'prefecture-0']);
    expect(Array.from(world.levelStart)).toEqual([0, 1, 4, 11, 31]);
    expect(world.departments.length).toBe(3 * 31);
    expect(world.departments[3 * 31 - 1].id).toBe('tax@county-19');
    // Parents are in order, and every region of a level has at least one child.
    for (let l = 1; l < LEVELS.length; l++) {
      const parents = Array.from(world.regionParent.subarray(world.levelStart[l], world.levelStart[l + 1]));
      expect(parents).toEqual([...parents].sort((a, b) => a - b));
      expect(new Set(parents).size).toBe(LEVELS[l - 1].count);
    }
  });

  it('send every request to the region its need names: same county, the level above, the province, another county of the province, any other county', async () => {
    const scenario = nestedScenario();
    const seen: Array<[number, number, number, number]> = [];
    const observing: ExchangeResolver = {
      name: 'observing',
      resolve: (batch, rules) => {
        for (let i = 0; i < batch.length; i++) {
          seen.push([batch.purpose[i], batch.application[i], batch.requester[i], batch.owner[i]]);
          rules.resolve(batch, i);
        }
      },
    };
    const simulation = new Simulation(scenario, { seed: 4, resolver: observing });
    while (!simulation.done) await simulation.step();
    const world = simulation.world;
    let previous = [-1, -1];
    let needIndex = 0;
    const applicants = new Set<string>();
    const withinOwners = new Map<number, Set<number>>();
    for (const [service, application, requester, owner] of seen) {
      needIndex = previous[0] === service && previous[1] === application ? needIndex + 1 : 0;
      previous = [service, application];
      const applicant = world.departments[requester].region;
      const ownerRegion = world.departments[owner].region;
      expect(world.regionLevels[world.regionLevel[applicant]]).toBe(service === 0 ? 'county' : 'prefecture');
      expect(satisfies(world, service, needIndex, applicant, ownerRegion)).toBe(true);
      expect(world.departments[owner].system).toBe(world.services[service].needs[needIndex].system);
      applicants.add(`${service}:${applicant}`);
      if (service === 0 && needIndex === 3) withinOwners.set(applicant, (withinOwners.get(applicant) ?? new Set()).add(ownerRegion));
    }
    // Applications arrive in every county and every prefecture, and `within` reaches several counties of a province.
    expect(applicants.size).toBe(20 + 7);
    expect(Math.max(...[...withinOwners.values()].map((owners) => owners.size))).toBeGreaterThan(1);
  });

  it('cover at tick 0 only pairs a need can ask for, with the lapse drawn from the pair key', () => {
    const scenario = nestedScenario({ policies: { conditional: { initialAgreementRate: 1 } } });
    const random = new KeyedRandom(2);
    const world = buildWorld(scenario, random);
    const initial = new InitialAgreements(scenario, world, random);
    const D = world.datasets.length;
    let covered = 0;
    for (let requester = 0; requester < world.departments.length; requester++) {
      for (let dataset = 0; dataset < D; dataset++) {
        const owner = world.datasets[dataset].owner;
        const applicant = world.departments[requester].region;
        const ownerRegion = world.departments[owner].region;
        const canAsk = world.services.some(
          (service, s) =>
            world.departments[requester].system === service.provider &&
            applicant >= service.regionFrom &&
            applicant < service.regionTo &&
            service.needs.some((need, k) => need.system === world.departments[owner].system && need.datasetSlot === dataset - owner * world.datasetsPerDepartment && satisfies(world, s, k, applicant, ownerRegion)),
        );
        const expected = canAsk && world.datasets[dataset].shareType === 'conditional';
        expect(initial.expiresAt(requester * D + dataset) >= 1).toBe(expected);
        if (expected) covered++;
      }
    }
    expect(covered).toBeGreaterThan(0);
  });
});
