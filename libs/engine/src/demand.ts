// Demand: the tick's exchange requests, enumerated in one canonical order (the ordinal every transport agrees on).
import type { Scenario, World } from '@silolab/model';
import type { KeyedRandom } from './random/keyed-random';
import type { RequestBatch } from './request-batch';

/** Fills request batches for one tick; an application (or a pair's two requests) never straddles two batches. */
export interface DemandCursor {
  /** Starts the enumeration of a tick's demand. */
  reset(tick: number): void;
  /** Appends requests until the batch is full or demand is exhausted; returns false when nothing remains. */
  fill(batch: RequestBatch): boolean;
}

/**
 * Service demand: for each service, each region where it takes applications, and each application, one request per
 * need, from the provider system's department in the applicant's region to the need's system in the need's region
 * (the applicant's own, its parent or ancestor, or one drawn per application from a range: other regions of its
 * level, or of its level under the same ancestor). Applications per region per tick are ⌊λ⌋ plus one with
 * probability λ − ⌊λ⌋.
 */
class ServiceDemand implements DemandCursor {
  private tick = 0;
  private service = 0;
  private region = 0;
  private applicationInCell = 0;
  private applicationsInCell = -1;
  private applicationIndex = 0;
  private readonly countKey: number;
  private readonly regionKey: number;

  constructor(
    private readonly world: World,
    private readonly random: KeyedRandom,
  ) {
    this.countKey = random.key('demand-count');
    this.regionKey = random.key('demand-other-region');
  }

  reset(tick: number): void {
    this.tick = tick;
    this.service = 0;
    this.region = this.world.services.length > 0 ? this.world.services[0].regionFrom : 0;
    this.applicationInCell = 0;
    this.applicationsInCell = -1;
    this.applicationIndex = 0;
  }

  fill(batch: RequestBatch): boolean {
    const { services, regions, departmentAt, datasetsPerDepartment } = this.world;
    const R = regions.length;
    while (this.service < services.length) {
      const service = services[this.service];
      if (this.applicationsInCell < 0) {
        const lambda = service.applicationsPerTick;
        const whole = Math.floor(lambda);
        this.applicationsInCell = whole + (this.random.uniform(this.countKey, this.tick, this.service, this.region) < lambda - whole ? 1 : 0);
      }
      const requester = departmentAt[service.provider * R + this.region];
      while (this.applicationInCell < this.applicationsInCell) {
        if (batch.length + service.needs.length > batch.capacity) return true;
        const application = this.applicationIndex++;
        for (let k = 0; k < service.needs.length; k++) {
          const need = service.needs[k];
          let ownerRegion: number;
          if (need.ownerRegion !== null) ownerRegion = need.ownerRegion[this.region];
          else {
            // Uniform over the range without the applicant's own region.
            const from = need.ownerFrom![this.region];
            ownerRegion = from + this.random.below(this.regionKey, this.tick, application, k, need.ownerTo![this.region] - from - 1);
            if (ownerRegion >= this.region) ownerRegion++;
          }
          const owner = departmentAt[need.system * R + ownerRegion];
          batch.push(requester, owner, owner * datasetsPerDepartment + need.datasetSlot, this.service, application);
        }
        this.applicationInCell++;
      }
      this.applicationInCell = 0;
      this.applicationsInCell = -1;
      if (++this.region >= service.regionTo) {
        this.service++;
        this.region = this.service < services.length ? services[this.service].regionFrom : 0;
      }
    }
    return false;
  }
}

/** The null model's demand: each ordered pair (i, j), i ≠ j, requests one of j's datasets with probability p. */
class RandomPairDemand implements DemandCursor {
  private tick = 0;
  private next = 0;
  private readonly pairKey: number;
  private readonly datasetKey: number;

  constructor(
    private readonly world: World,
    private readonly random: KeyedRandom,
    private readonly probability: number,
  ) {
    this.pairKey = random.key('demand-pair');
    this.datasetKey = random.key('demand-pair-dataset');
  }

  reset(tick: number): void {
    this.tick = tick;
    this.next = 0;
  }

  fill(batch: RequestBatch): boolean {
    const n = this.world.departments.length;
    const k = this.world.datasetsPerDepartment;
    while (this.next < n * n) {
      if (batch.length >= batch.capacity) return true;
      const pair = this.next++;
      const i = Math.floor(pair / n);
      const j = pair - i * n;
      if (i === j || this.random.uniform(this.pairKey, this.tick, i, j) >= this.probability) continue;
      batch.push(i, j, j * k + this.random.below(this.datasetKey, this.tick, i, j, k), -1, pair);
    }
    return false;
  }
}

/**
 * Game demand: in each round a keyed random perfect matching pairs the departments; each pair requests both
 * ways (a asks b, then b asks a), so each request's owner decides against the partner's decision.
 */
class PairingDemand implements DemandCursor {
  private tick = 0;
  private round = 0;
  private pairIndex = 0;
  private order: number[] = [];
  private readonly matchKey: number;

  constructor(
    private readonly world: World,
    private readonly random: KeyedRandom,
    private readonly rounds: number,
  ) {
    this.matchKey = random.key('demand-match');
  }

  reset(tick: number): void {
    this.tick = tick;
    this.round = 0;
    this.pairIndex = 0;
    this.order = this.matching(0);
  }

  private matching(round: number): number[] {
    const n = this.world.departments.length;
    const keys = Float64Array.from({ length: n }, (_, i) => this.random.uniform(this.matchKey, this.tick, round, i));
    return Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  }

  fill(batch: RequestBatch): boolean {
    const n = this.world.departments.length;
    const k = this.world.datasetsPerDepartment;
    while (this.round < this.rounds) {
      while (this.pairIndex < Math.floor(n / 2)) {
        if (batch.length + 2 > batch.capacity) return true;
        const a = this.order[2 * this.pairIndex];
        const b = this.order[2 * this.pairIndex + 1];
        const application = this.round * n + this.pairIndex++;
        batch.push(a, b, b * k, -1, application);
        batch.push(b, a, a * k, -1, application);
      }
      this.pairIndex = 0;
      if (++this.round < this.rounds) this.order = this.matching(this.round);
    }
    return false;
  }
}

/** The demand cursor for the scenario's demand mode. */
export function createDemand(scenario: Scenario, world: World, random: KeyedRandom): DemandCursor {
  switch (scenario.demand.mode) {
    case 'services':
      return new ServiceDemand(world, random);
    case 'random-pairs':
      return new RandomPairDemand(world, random, scenario.demand.probability);
    case 'pairing':
      return new PairingDemand(world, random, scenario.demand.rounds);
  }
}
