// Builds the fixed entities of a run (departments, datasets, services) from the scenario with keyed draws.
import { SHARE_TYPES, ancestorAt, regionTree, serviceSchema, type Dataset, type Department, type NeedRegion, type Scenario, type Service, type ServiceNeed, type ShareType, type World } from '@silolab/model';
import { KeyedRandom, hashString } from './random/keyed-random';

const clip = (x: number, min: number, max: number) => (x < min ? min : x > max ? max : x);

/** Builds the world. Each entity's parameters are keyed draws, so adding a service never reshuffles departments. */
export function buildWorld(scenario: Scenario, random: KeyedRandom): World {
  const { population, datasets: datasetSpec } = scenario;
  const tree = regionTree(population.regions);
  const regionIds = tree.ids;
  const regionGroups = tree.groups;
  const R = regionIds.length;
  const draw = (purpose: string, entity: number, slot = 0) => random.uniform(random.key(`world:${purpose}`), 0, entity, slot);
  const spread = (s: { mean: number; spread: number }, u: number, min: number, max: number) => clip(s.mean + s.spread * (2 * u - 1), min, max);

  const departments: Department[] = [];
  const departmentAt = new Int32Array(population.systems.length * R);
  population.systems.forEach((system, s) => {
    regionIds.forEach((region, r) => {
      const index = departments.length;
      departmentAt[s * R + r] = index;
      departments.push({
        index,
        id: `${system}@${region}`,
        system: s,
        region: r,
        securityCapability: spread(population.securityCapability, draw('security', index), 0, 1),
        ownershipAttachment: spread(population.ownershipAttachment, draw('ownership', index), 0, Infinity),
        riskAversion: spread(population.riskAversion, draw('risk-aversion', index), 0, Infinity),
        reciprocityWeight: spread(population.reciprocityWeight, draw('reciprocity', index), 0, Infinity),
      });
    });
  });

  const weights = SHARE_TYPES.map((type) => datasetSpec.shareTypes[type]);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickShareType = (u: number): ShareType => {
    let acc = 0;
    for (let i = 0; i < SHARE_TYPES.length; i++) {
      acc += weights[i] / totalWeight;
      if (u < acc) return SHARE_TYPES[i];
    }
    return SHARE_TYPES[SHARE_TYPES.length - 1];
  };
  const k = population.datasetsPerDepartment;
  const datasets: Dataset[] = [];
  for (const department of departments) {
    for (let slot = 0; slot < k; slot++) {
      const index = datasets.length;
      datasets.push({
        index,
        id: `${department.id}/d${slot}`,
        owner: department.index,
        shareType: pickShareType(draw('share-type', index)),
        personal: draw('personal', index) < datasetSpec.personalFraction,
        quality: spread(datasetSpec.quality, draw('quality', index), 0, 1),
        productionCost: spread(datasetSpec.productionCost, draw('cost', index), 0, Infinity),
        standardKey: draw('standard', index),
        catalogueKey: draw('catalogue', index),
        openKey: draw('open', index),
      });
    }
  }

  const frame = { systems: population.systems, regionLevels: tree.levels, regionLevel: tree.level, regionParent: tree.parent, levelStart: tree.levelStart, datasetsPerDepartment: k };
  const services = buildServices(scenario, frame);
  const citizenGroups = citizenGroupsOf(scenario);

  return {
    systems: [...population.systems],
    regions: regionIds,
    regionGroups,
    regionLevels: tree.levels,
    regionLevel: tree.level,
    regionParent: tree.parent,
    levelStart: tree.levelStart,
    departments,
    datasets,
    datasetsPerDepartment: k,
    services,
    citizenGroups,
    departmentAt,
  };
}

/**
 * The citizen groups of a run, sorted: those of the services now, of services scheduled by interventions, and of
 * regions. Fixed for the run, so the metrics' columns do not change when an intervention adds a service.
 */
export function citizenGroupsOf(scenario: Scenario): string[] {
  const services = scenario.demand.mode === 'services' ? scenario.demand.services.map((service) => service.citizenGroup) : [];
  const scheduled = scenario.interventions.flatMap((intervention) => {
    const scheduledServices = intervention.set['demand.services'];
    // Interventions were validated with the scenario, so each scheduled service parses.
    return Array.isArray(scheduledServices) ? scheduledServices.map((spec) => serviceSchema.parse(spec).citizenGroup) : [];
  });
  const regions = regionTree(scenario.population.regions).groups.filter((group): group is string => group !== null);
  return [...new Set([...services, ...scheduled, ...regions])].sort();
}

/** What services are built against: systems, the region tree and the datasets per department. */
type ServiceFrame = Pick<World, 'regionLevels' | 'regionLevel' | 'regionParent' | 'levelStart' | 'datasetsPerDepartment'> & { systems: readonly string[] };

/**
 * The services of a scenario (its demand in force), against a world's regions: where applications arrive and, per
 * need, where each applicant region's owner is. Cheap (no departments or datasets), so interventions that change
 * the services rebuild only these.
 */
export function buildServices(scenario: Scenario, frame: ServiceFrame): Service[] {
  if (scenario.demand.mode !== 'services') return [];
  const regions = frame.regionLevel.length;
  return scenario.demand.services.map((spec, index) => {
    const level = spec.level === undefined ? -1 : frame.regionLevels.indexOf(spec.level);
    const regionFrom = level < 0 ? 0 : frame.levelStart[level];
    const regionTo = level < 0 ? regions : frame.levelStart[level + 1];
    return {
      index,
      id: spec.id,
      citizenGroup: spec.citizenGroup,
      provider: frame.systems.indexOf(spec.provider),
      regionFrom,
      regionTo,
      applicationsPerTick: spec.applicationsPerTick,
      needs: spec.needs.map((need, n): ServiceNeed => {
        const system = typeof need === 'string' ? need : need.system;
        const where = typeof need === 'string' ? 'same' : need.region;
        const region: NeedRegion = typeof where === 'string' ? where : 'ancestor' in where ? 'ancestor' : 'within';
        const needLevel = typeof where === 'string' ? -1 : frame.regionLevels.indexOf('ancestor' in where ? where.ancestor : where.within);
        return {
          system: frame.systems.indexOf(system),
          region,
          ...ownerRegions(frame, region, needLevel, regionFrom, regionTo),
          datasetSlot: (hashString(`${spec.id}#${n}`) >>> 0) % frame.datasetsPerDepartment,
        };
      }),
    };
  });
}

/** Per applicant region: the owner region (same, parent, ancestor), or the range it is drawn from (other, within). */
function ownerRegions(frame: ServiceFrame, region: NeedRegion, level: number, from: number, to: number): Pick<ServiceNeed, 'ownerRegion' | 'ownerFrom' | 'ownerTo'> {
  const regions = frame.regionLevel.length;
  const tree = { level: frame.regionLevel, parent: frame.regionParent };
  if (region === 'same' || region === 'parent' || region === 'ancestor') {
    const ownerRegion = new Int32Array(regions).fill(-1);
    for (let r = from; r < to; r++) ownerRegion[r] = region === 'same' ? r : region === 'parent' ? frame.regionParent[r] : ancestorAt(tree, r, level);
    return { ownerRegion, ownerFrom: null, ownerTo: null };
  }
  const ownerFrom = new Int32Array(regions).fill(-1);
  const ownerTo = new Int32Array(regions).fill(-1);
  for (let r = from; r < to; r++) {
    const own = frame.regionLevel[r];
    let first = frame.levelStart[own];
    let end = frame.levelStart[own + 1];
    if (region === 'within') {
      // Regions of one level under one ancestor are consecutive: widen from r while the ancestor stays the same.
      const ancestor = ancestorAt(tree, r, level);
      first = r;
      end = r + 1;
      while (first > frame.levelStart[own] && ancestorAt(tree, first - 1, level) === ancestor) first--;
      while (end < frame.levelStart[own + 1] && ancestorAt(tree, end, level) === ancestor) end++;
    }
    ownerFrom[r] = first;
    ownerTo[r] = end;
  }
  return { ownerRegion: null, ownerFrom, ownerTo };
}
