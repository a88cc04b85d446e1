// The determinism contract (DESIGN.md §4) as properties of a run: the digest depends on the scenario and the seed
// and on nothing else — not on a second run, the order or batching of resolution, or stepping — and an
// intervention changes the run only from its tick on.
import fc from 'fast-check';
import { DECISION, REASON, parseScenario, type Scenario } from '@silolab/model';
import type { LedgerRecord } from '@silolab/provenance';
import type { ExchangeResolver } from './exchange-resolver';
import type { ExchangeRules } from './exchange-rules';
import type { RequestBatch } from './request-batch';
import { Simulation, runSimulation, type TickResult } from './simulation';

const TICKS = 16;
/**
 * Fifteen generated scenarios per property (each run is ~50 ms). A failure stops at once instead of shrinking: a
 * shrink step reruns whole simulations, and the counterexample (seed and levers) is already small.
 */
const PROPERTY_RUNS = { numRuns: 15, endOnFailure: true };

/** What varies between generated scenarios: the seed and the levers that switch code paths on and off. */
interface Variant {
  seed: number;
  model: 'utility-logit' | 'fixed' | 'imitation';
  liabilityRegime: 'owner' | 'holder' | 'attributed';
  adoption: number;
  coverage: number;
  auditRate: number;
}

const variant: fc.Arbitrary<Variant> = fc.record({
  seed: fc.nat({ max: 2 ** 31 - 1 }),
  model: fc.constantFrom('utility-logit', 'fixed', 'imitation'),
  liabilityRegime: fc.constantFrom('owner', 'holder', 'attributed'),
  adoption: fc.constantFrom(0, 0.1, 0.5),
  coverage: fc.constantFrom(0.4, 0.7, 1),
  auditRate: fc.constantFrom(0, 0.3),
});

/**
 * Twelve departments (3 systems × 4 regions) and two services, one of which needs data from another region;
 * default datasets (conditional and personal data included, so agreements and clearance are exercised), full
 * provenance so that the ledger head is part of the digest, and leaks frequent enough to happen in 16 ticks.
 */
function smallScenario(v: Variant, extra: Record<string, unknown> = {}): Scenario {
  return parseScenario({
    name: 'determinism',
    seed: v.seed,
    ticks: TICKS,
    population: { systems: ['civil-affairs', 'health', 'public-security'], regions: ['city', 'north', 'south', { id: 'hills', citizenGroup: 'remote' }] },
    demand: {
      mode: 'services',
      services: [
        { id: 'elderly-allowance', citizenGroup: 'elderly', provider: 'civil-affairs', applicationsPerTick: 2.5, needs: ['health', 'public-security', { system: 'civil-affairs', region: 'other' }] },
        { id: 'residence-permit', provider: 'public-security', applicationsPerTick: 1.5, needs: ['civil-affairs', 'health'] },
      ],
    },
    policies: {
      provenance: 'full',
      standards: { adoption: v.adoption },
      catalogue: { coverage: v.coverage },
      accountability: { liabilityRegime: v.liabilityRegime, auditRate: v.auditRate, refusalPenalty: 2 },
    },
    behaviour: { model: v.model },
    leaks: { rate: 0.2 },
    metrics: { window: 5 },
    ...extra,
  });
}

/**
 * A run's per-tick results and its digest, observed tick by tick.
 */
async function record(scenario: Scenario, options: Parameters<typeof runSimulation>[1] = {}): Promise<{ digest: string; ticks: TickResult[] }> {
  const ticks: TickResult[] = [];
  const result = await runSimulation(scenario, { ...options, onTick: (tick) => ticks.push(tick) });
  return { digest: result.digest, ticks };
}

/** mulberry32: a small seeded PRNG for shuffling, independent of the engine's keyed draws. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(length: number, random: () => number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** A transport that settles each batch's requests in a random order, yielding to the event loop as it goes. */
class ShuffledResolver implements ExchangeResolver {
  readonly name = 'shuffled';
  private readonly random: () => number;
  resolved = 0;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  async resolve(batch: RequestBatch, rules: ExchangeRules): Promise<void> {
    for (const i of shuffled(batch.length, this.random)) {
      if (this.random() < 0.2) await Promise.resolve();
      rules.resolve(batch, i);
      this.resolved++;
    }
  }
}

/**
 * A transport that runs the three steps as separate services would: every hub check first, then every owner
 * decision, then every transfer, each pass in its own random order.
 */
class PhasedResolver implements ExchangeResolver {
  readonly name = 'phased';
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  resolve(batch: RequestBatch, rules: ExchangeRules): void {
    const pending = new Uint8Array(batch.length);
    for (const i of shuffled(batch.length, this.random)) {
      batch.transformed[i] = 0;
      const denial = rules.hubCheck(batch, i);
      if (denial === REASON.ok) pending[i] = 1;
      else [batch.decision[i], batch.reason[i]] = [DECISION.denied, denial];
    }
    for (const i of shuffled(batch.length, this.random)) {
      if (!pending[i]) continue;
      const refusal = rules.ownerDecision(batch, i);
      if (refusal !== REASON.ok) [batch.decision[i], batch.reason[i], pending[i]] = [DECISION.refused, refusal, 0];
    }
    for (const i of shuffled(batch.length, this.random)) {
      if (!pending[i]) continue;
      const transfer = rules.transfer(batch, i);
      [batch.decision[i], batch.reason[i]] = [transfer === REASON.ok ? DECISION.shared : DECISION.failed, transfer];
    }
  }
}

/** The change the intervention tests make: from then on owners share every allowed request, for 5 points each. */
const CHANGE = { 'behaviour.model': 'fixed', 'behaviour.fixedShareProbability': 1, 'policies.incentives.pointsPerShare': 5 };

/** A ledger record without what names the run (run id and the hashes that cover it). */
const content = ({ run: _run, prevHash: _prev, hash: _hash, ...rest }: LedgerRecord) => rest;

describe('Simulation determinism', () => {
  it('gives the same digest for the same scenario and seed in two fresh runs, and leaves the scenario unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(variant, async (v) => {
        const scenario = smallScenario(v);
        const before = structuredClone(scenario);
        const first = await record(scenario);
        const second = await record(smallScenario(v));
        expect(second.digest).toBe(first.digest);
        expect(second.ticks.map((t) => t.ledgerHead)).toEqual(first.ticks.map((t) => t.ledgerHead));
        expect(scenario).toEqual(before);
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives different digests for different seeds', async () => {
    await fc.assert(
      fc.asyncProperty(variant, fc.nat({ max: 2 ** 31 - 1 }), async (v, otherSeed) => {
        fc.pre(otherSeed !== v.seed);
        const first = await record(smallScenario(v));
        const second = await record(smallScenario(v), { seed: otherSeed });
        expect(second.digest).not.toBe(first.digest);
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives the same digest whatever order each batch’s requests are resolved in', async () => {
    await fc.assert(
      fc.asyncProperty(variant, fc.integer(), async (v, shuffleSeed) => {
        const resolver = new ShuffledResolver(shuffleSeed);
        const inOrder = await record(smallScenario(v));
        const shuffledRun = await record(smallScenario(v), { resolver });
        expect(resolver.resolved).toBe(inOrder.ticks.reduce((total, t) => total + t.metrics.requests, 0));
        expect(shuffledRun.digest).toBe(inOrder.digest);
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives the same digest when hub checks, owner decisions and transfers run as separate passes', async () => {
    await fc.assert(
      fc.asyncProperty(variant, fc.integer(), async (v, shuffleSeed) => {
        const inline = await record(smallScenario(v));
        const phased = await record(smallScenario(v), { resolver: new PhasedResolver(shuffleSeed) });
        expect(phased.digest).toBe(inline.digest);
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives the same digest when requests are resolved in batches of 7 instead of one batch per tick', async () => {
    await fc.assert(
      fc.asyncProperty(variant, async (v) => {
        const batches: number[] = [];
        const counting: ExchangeResolver = {
          name: 'counting',
          resolve: (batch, rules) => {
            batches.push(batch.length);
            for (let i = 0; i < batch.length; i++) rules.resolve(batch, i);
          },
        };
        const whole = await record(smallScenario(v));
        const small = await record(smallScenario(v), { batchSize: 7, resolver: counting });
        expect(Math.max(...batches)).toBeLessThanOrEqual(7);
        expect(batches.length).toBeGreaterThan(TICKS);
        expect(small.digest).toBe(whole.digest);
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives the same ticks and digest when stepped one tick at a time, pausing between ticks, as runSimulation', async () => {
    await fc.assert(
      fc.asyncProperty(variant, async (v) => {
        const whole = await record(smallScenario(v));
        const simulation = new Simulation(smallScenario(v));
        const stepped: TickResult[] = [];
        while (!simulation.done) {
          stepped.push(await simulation.step());
          await new Promise((resolve) => setImmediate(resolve));
        }
        const result = await simulation.finish();
        expect(stepped.map((t) => [t.tick, t.metrics, t.ledgerHead, t.ledgerRecords])).toEqual(whole.ticks.map((t) => [t.tick, t.metrics, t.ledgerHead, t.ledgerRecords]));
        expect(result.digest).toBe(whole.digest);
        await expect(simulation.step()).rejects.toThrow(/has ended after 16 ticks/);
      }),
      PROPERTY_RUNS,
    );
  });

  it('leaves the ticks before an intervention identical to a run without it, and changes the ticks from it on', async () => {
    await fc.assert(
      fc.asyncProperty(variant, fc.integer({ min: 1, max: TICKS - 2 }), async (v, at) => {
        // From tick `at` owners share whatever is allowed, for 5 points a share: visible in every later tick.
        const intervention = { at, set: CHANGE };
        const baseRecords: LedgerRecord[] = [];
        const changedRecords: LedgerRecord[] = [];
        const base = await record(smallScenario(v), { onRecord: (r) => baseRecords.push(r) });
        const changed = await record(smallScenario(v, { interventions: [intervention] }), { onRecord: (r) => changedRecords.push(r) });
        expect(changed.ticks.slice(0, at).map((t) => t.metrics)).toEqual(base.ticks.slice(0, at).map((t) => t.metrics));
        // The intervention is part of the scenario, so the run id (and every hash) differs; the exchanges do not.
        const beforeIntervention = (records: LedgerRecord[]) => records.filter((r) => r.tick < at).map(content);
        expect(beforeIntervention(changedRecords)).toEqual(beforeIntervention(baseRecords));
        for (const t of changed.ticks.slice(at)) {
          expect(t.metrics.refused).toBe(0);
          expect(t.metrics.pointsPaid).toBe(5 * t.metrics.shared);
        }
        expect(changed.ticks.slice(at).some((t) => t.metrics.shared > 0)).toBe(true);
        expect(base.ticks.every((t) => t.metrics.pointsPaid === 0)).toBe(true);
        expect(changed.digest).not.toBe(base.digest);
      }),
      PROPERTY_RUNS,
    );
  });

  it('applies a lever set live before tick t exactly as an intervention scheduled at t, leaving earlier ledger heads alone', async () => {
    await fc.assert(
      fc.asyncProperty(variant, fc.integer({ min: 1, max: TICKS - 2 }), async (v, at) => {
        const scheduled = await record(smallScenario(v, { interventions: [{ at, set: CHANGE }] }));
        const plain = await record(smallScenario(v));
        const live = new Simulation(smallScenario(v));
        const ticks: TickResult[] = [];
        while (!live.done) {
          if (live.tick === at) for (const [path, value] of Object.entries(CHANGE)) live.setLever(path, value);
          ticks.push(await live.step());
        }
        expect(ticks.map((t) => t.metrics)).toEqual(scheduled.ticks.map((t) => t.metrics));
        expect(ticks.slice(0, at).map((t) => t.ledgerHead)).toEqual(plain.ticks.slice(0, at).map((t) => t.ledgerHead));
        expect(live.currentScenario.policies.incentives.pointsPerShare).toBe(5);
      }),
      PROPERTY_RUNS,
    );
  });

  it('writes exactly one ledger record per request, numbered 0..N−1 in order and chained', async () => {
    await fc.assert(
      fc.asyncProperty(variant, async (v) => {
        const records: LedgerRecord[] = [];
        const { ticks } = await record(smallScenario(v), { onRecord: (r) => records.push(r) });
        const requests = ticks.reduce((total, t) => total + t.metrics.requests, 0);
        expect(requests).toBeGreaterThan(0);
        expect(records).toHaveLength(requests);
        expect(records.map((r) => r.seq)).toEqual(Array.from({ length: requests }, (_, i) => i));
        records.forEach((r, i) => {
          if (i > 0) expect(r.prevHash).toBe(records[i - 1].hash);
        });
        // Per tick: as many records as requests, in tick order, each request id once; the head is the last hash.
        let offset = 0;
        for (const t of ticks) {
          const inTick = records.slice(offset, offset + t.metrics.requests);
          offset += t.metrics.requests;
          expect(t.ledgerRecords).toBe(t.metrics.requests);
          expect(inTick.every((r) => r.tick === t.tick)).toBe(true);
          expect(new Set(inTick.map((r) => r.requestId)).size).toBe(inTick.length);
          if (inTick.length > 0) expect(t.ledgerHead).toBe(inTick[inTick.length - 1].hash);
        }
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('Simulation guards', () => {
  const v: Variant = { seed: 5, model: 'utility-logit', liabilityRegime: 'owner', adoption: 0.1, coverage: 0.7, auditRate: 0 };

  it('runs to the end without an onTick observer, with the observed run\'s digest', async () => {
    const bare = await runSimulation(smallScenario(v));
    expect(bare.ticks).toBe(TICKS);
    expect(bare.digest).toBe((await record(smallScenario(v))).digest);
  });

  it('refuses a batch smaller than the largest application, naming the size needed', () => {
    expect(() => new Simulation(smallScenario(v), { batchSize: 2 })).toThrow(/batchSize must be an integer of at least 3/);
    expect(() => new Simulation(smallScenario(v), { batchSize: 3 })).not.toThrow();
  });

  it('refuses a lever on a path that cannot change during a run, naming the path', () => {
    const simulation = new Simulation(smallScenario(v));
    expect(() => simulation.setLever('population.regions', ['a'])).toThrow(/population\.regions: cannot be changed during a run/);
    expect(() => simulation.setLever('policies.catalogue.coverage', 2)).toThrow(/coverage/);
    expect(() => simulation.setLever('policies.catalogue.coverage', 0.9)).not.toThrow();
  });

  it('counts applications of a service added by an intervention for its own citizen group', async () => {
    const added = { id: 'student-grant', citizenGroup: 'students', provider: 'health', applicationsPerTick: 3, needs: ['civil-affairs'] };
    const base = smallScenario(v);
    const services = base.demand.mode === 'services' ? base.demand.services : [];
    // Owners share every allowed request and every dataset is catalogued, so student applications can complete.
    const scenario = smallScenario(
      { ...v, coverage: 1 },
      { behaviour: { model: 'fixed', fixedShareProbability: 1 }, interventions: [{ at: 4, set: { 'demand.services': [...services, added] } }] },
    );
    const { ticks } = await record(scenario);
    expect(Object.keys(ticks[0].metrics)).toEqual(Object.keys(ticks[TICKS - 1].metrics));
    expect(ticks[3].metrics['serviceCompletion.students']).toBe(0);
    const studentTicks = ticks.slice(4).filter((t) => Number(t.metrics['serviceCompletion.students']) > 0);
    expect(studentTicks.length).toBeGreaterThan(0);
  });

  it('refuses a lever that brings a citizen group the run does not have', () => {
    const simulation = new Simulation(smallScenario(v));
    const services = [{ id: 'student-grant', citizenGroup: 'students', provider: 'health', applicationsPerTick: 3, needs: ['civil-affairs'] }];
    expect(() => simulation.setLever('demand.services', services)).toThrow(/citizen group students is not in this run/);
  });
});
