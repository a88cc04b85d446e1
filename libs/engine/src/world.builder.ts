// Builds the fixed entities of a run (departments, datasets, services) from the scenario with keyed draws.
import { SHARE_TYPES, serviceSchema, type Dataset, type Department, type Scenario, type Service, type ShareType, type World } from '@silolab/model';
import { KeyedRandom, hashString } from './random/keyed-random';

const clip = (x: number, min: number, max: number) => (x < min ? min : x > max ? max : x);

/** Builds the world. Each entity's parameters are keyed draws, so adding a service never reshuffles departments. */
export function buildWorld(scenario: Scenario, random: KeyedRandom): World {
  const { population, datasets: datasetSpec } = scenario;
  const regionIds = population.regions.map((r) => (typeof r === 'string' ? r : r.id));
  const regionGroups = population.regions.map((r) => (typeof r === 'string' ? null : r.citizenGroup ?? null));
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

  const services: Service[] = [];
  if (scenario.demand.mode === 'services') {
    scenario.demand.services.forEach((spec, index) => {
      services.push({
        index,
        id: spec.id,
        citizenGroup: spec.citizenGroup,
        provider: population.systems.indexOf(spec.provider),
        applicationsPerTick: spec.applicationsPerTick,
        needs: spec.needs.map((need, n) => {
          const system = typeof need === 'string' ? need : need.system;
          return {
            system: population.systems.indexOf(system),
            otherRegion: typeof need !== 'string' && need.region === 'other',
            datasetSlot: (hashString(`${spec.id}#${n}`) >>> 0) % k,
          };
        }),
      });
    });
  }
  // Citizen groups are fixed for the run: those of the services now, of services scheduled by interventions, and
  // of regions, so that the metrics' columns do not change when an intervention adds a service.
  const scheduledGroups = scenario.interventions.flatMap((intervention) => {
    const scheduled = intervention.set['demand.services'];
    // Interventions were validated with the scenario, so each scheduled service parses.
    return Array.isArray(scheduled) ? scheduled.map((spec) => serviceSchema.parse(spec).citizenGroup) : [];
  });
  const citizenGroups = [...new Set([...services.map((s) => s.citizenGroup), ...scheduledGroups, ...regionGroups.filter((g): g is string => g !== null)])].sort();

  return { systems: [...population.systems], regions: regionIds, regionGroups, departments, datasets, datasetsPerDepartment: k, services, citizenGroups, departmentAt };
}
