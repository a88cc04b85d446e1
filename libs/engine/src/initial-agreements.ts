// Agreements in force at tick 0, answered on demand instead of stored: their number grows with requesters × datasets.
import type { Scenario, ServiceNeed, World } from '@silolab/model';
import type { KeyedRandom } from './random/keyed-random';

/**
 * Each (requester, conditional dataset) pair that a service present at tick 0 can ask for is covered at tick 0
 * with probability `initialAgreementRate`, lapsing at the keyed tick 1 + ⌊u·agreementTerm⌋ (so renewals are
 * spread out instead of all falling due at once). Both draws are keyed by the pair's key (requester·D + dataset),
 * so the agreement of a pair is a pure function of the run, computed when the hub first asks for it. Storing them
 * would take memory for every pair a service *could* ask for — with "any other region" needs, requesters ×
 * regions — while a run only ever asks for a fraction. The agreements made during a run live in the state's map
 * and take precedence.
 *
 * Values come from the scenario at tick 0 (later interventions change the workflow, not the initial agreements).
 */
export class InitialAgreements {
  private readonly rate: number;
  private readonly term: number;
  private readonly coverKey: number;
  private readonly lapseKey: number;
  /** Per (provider system, need system, dataset slot): the services' needs that ask for such a dataset. */
  private readonly needs = new Map<number, Array<{ regionFrom: number; regionTo: number; need: ServiceNeed }>>();
  private readonly datasets: number;
  /** A direct-mapped cache of answers: the hub asks for the same few keys over and over within a tick. */
  private readonly cachedKey = new Float64Array(CACHE_SIZE).fill(-1);
  private readonly cachedAnswer = new Int32Array(CACHE_SIZE);

  constructor(
    scenario: Scenario,
    private readonly world: World,
    private readonly random: KeyedRandom,
  ) {
    this.rate = scenario.policies.conditional.initialAgreementRate;
    this.term = scenario.policies.conditional.agreementTerm;
    this.coverKey = random.key('initial-agreement');
    this.lapseKey = random.key('initial-agreement-lapse');
    this.datasets = world.datasets.length;
    for (const service of world.services) {
      for (const need of service.needs) {
        const key = this.needKey(service.provider, need.system, need.datasetSlot);
        const list = this.needs.get(key) ?? [];
        list.push({ regionFrom: service.regionFrom, regionTo: service.regionTo, need });
        this.needs.set(key, list);
      }
    }
  }

  /** The tick at which the initial agreement of `key` (requester·D + dataset) lapses, or −1 when there is none. */
  expiresAt(key: number): number {
    if (this.rate === 0) return -1;
    // Keys are non-negative integers below 2⁵³: their low bits pick the cache line (ToInt32 keeps the low 32).
    const line = key & (CACHE_SIZE - 1);
    if (this.cachedKey[line] === key) return this.cachedAnswer[line];
    const answer = this.answer(key);
    this.cachedKey[line] = key;
    this.cachedAnswer[line] = answer;
    return answer;
  }

  private answer(key: number): number {
    const requester = Math.floor(key / this.datasets);
    const dataset = key - requester * this.datasets;
    const { departments, datasets, datasetsPerDepartment } = this.world;
    const owner = datasets[dataset].owner;
    if (datasets[dataset].shareType !== 'conditional') return -1;
    const needs = this.needs.get(this.needKey(departments[requester].system, departments[owner].system, dataset - owner * datasetsPerDepartment));
    if (!needs) return -1;
    const applicant = departments[requester].region;
    const ownerRegion = departments[owner].region;
    if (!needs.some(({ regionFrom, regionTo, need }) => applicant >= regionFrom && applicant < regionTo && asks(need, applicant, ownerRegion))) return -1;
    // The draws take the key as given (as the eager enumeration did), keys above 2³² included.
    if (this.random.uniform(this.coverKey, 0, key) >= this.rate) return -1;
    return 1 + Math.floor(this.random.uniform(this.lapseKey, 0, key) * this.term);
  }

  private needKey(provider: number, system: number, slot: number): number {
    return (provider * this.world.systems.length + system) * this.world.datasetsPerDepartment + slot;
  }
}

const CACHE_SIZE = 4096;

/** Whether `need`, for an applicant in region `applicant`, can ask a department in region `owner`. */
function asks(need: ServiceNeed, applicant: number, owner: number): boolean {
  if (need.ownerRegion !== null) return need.ownerRegion[applicant] === owner;
  return owner !== applicant && owner >= need.ownerFrom![applicant] && owner < need.ownerTo![applicant];
}
