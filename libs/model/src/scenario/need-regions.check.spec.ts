// Services' levels and needs' regions are checked against the population's regions, naming the offending key.
import { departmentCount, regionTree } from '../region-tree';
import { issuesOf } from './scenario-issues.fixture';
import { parseScenario } from './scenario.loader';

const LEVELS = [
  { name: 'centre', count: 1 },
  { name: 'province', count: 2 },
  { name: 'county', count: 5 },
];

function scenarioWith(service: Record<string, unknown>, regions: unknown = { levels: LEVELS }) {
  return parseScenario({
    name: 'needs',
    population: { systems: ['a', 'b'], regions },
    demand: { mode: 'services', services: [{ id: 's', provider: 'a', applicationsPerTick: 1, needs: ['b'], ...service }] },
  });
}

describe('need regions', () => {
  it('accept a county service asking its own county, the level above, its province, another county of the province and any other county', () => {
    const scenario = scenarioWith({
      level: 'county',
      needs: ['b', { system: 'a', region: 'parent' }, { system: 'b', region: { ancestor: 'province' } }, { system: 'b', region: { within: 'province' } }, { system: 'a', region: 'other' }],
    });
    expect(departmentCount(scenario)).toBe(2 * 8);
  });

  it('refuse levels, parents, ancestors and within-regions on a flat list of regions', () => {
    const flat = ['north', 'south'];
    expect(issuesOf(() => scenarioWith({ level: 'county' }, flat))).toEqual([{ path: 'demand.services[0].level', message: expect.stringMatching(/needs nested regions/) }]);
    expect(issuesOf(() => scenarioWith({ needs: [{ system: 'b', region: 'parent' }] }, flat))).toEqual([{ path: 'demand.services[0].needs[0]', message: expect.stringMatching(/needs nested regions/) }]);
  });

  it('refuse a level above the applicants that does not exist, and a parent of the top level', () => {
    expect(issuesOf(() => scenarioWith({ level: 'village' }))[0]).toEqual({ path: 'demand.services[0].level', message: expect.stringMatching(/unknown level "village"; expected one of centre, province, county/) });
    expect(issuesOf(() => scenarioWith({ needs: [{ system: 'b', region: 'parent' }] }))[0]).toEqual({ path: 'demand.services[0].needs[0]', message: expect.stringMatching(/level centre, which has no level above; set the service's level lower/) });
    expect(issuesOf(() => scenarioWith({ level: 'province', needs: [{ system: 'b', region: { ancestor: 'county' } }] }))[0].message).toMatch(/no ancestor at level county/);
    expect(issuesOf(() => scenarioWith({ level: 'county', needs: [{ system: 'b', region: { ancestor: 'town' } }] }))[0].message).toMatch(/unknown level "town"/);
  });

  it('refuse within when a region is alone under its ancestor, and other with one region at the level', () => {
    const lonely = [{ name: 'province', count: 2 }, { name: 'county', count: 3 }];
    expect(issuesOf(() => scenarioWith({ level: 'county', needs: [{ system: 'b', region: { within: 'province' } }] }, { levels: lonely }))[0]).toEqual({
      path: 'demand.services[0].needs[0]',
      message: 'region county-2 is the only region of level county under its province: within needs two',
    });
    expect(issuesOf(() => scenarioWith({ level: 'centre', needs: [{ system: 'b', region: 'other' }] }))[0].message).toBe('region: other needs at least two regions at level centre');
  });

  it('refuse levels that shrink, and repeated level names', () => {
    expect(issuesOf(() => scenarioWith({}, { levels: [{ name: 'province', count: 3 }, { name: 'county', count: 2 }] }))).toEqual([{ path: 'population.regions.levels[1].count', message: expect.stringMatching(/at least as many regions as the level above \(3\)/) }]);
    expect(issuesOf(() => scenarioWith({}, { levels: [{ name: 'x', count: 1 }, { name: 'x', count: 2 }] }))[0].message).toMatch(/level names must be unique/);
  });

  it('build a tree whose descendants at each level are consecutive', () => {
    const tree = regionTree({ levels: [{ name: 'centre', count: 1 }, { name: 'province', count: 31 }, { name: 'prefecture', count: 333 }, { name: 'county', count: 2844 }] });
    expect(tree.ids.length).toBe(3209);
    for (let l = 1; l < 4; l++) {
      const parents = Array.from(tree.parent.subarray(tree.levelStart[l], tree.levelStart[l + 1]));
      expect(parents.every((p, i) => i === 0 || p >= parents[i - 1])).toBe(true);
      expect(new Set(parents).size).toBe(tree.levelStart[l] - tree.levelStart[l - 1]);
    }
  });
});
