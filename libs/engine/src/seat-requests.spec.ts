// People's owner decisions as inputs of a run: the requests a tick shows to seats are the ones the run resolves for
// them, deciding like the model changes nothing, recorded decisions replay to the live digest, and a decision that
// does not fit is refused whole and changes nothing.
import fc from 'fast-check';
import { parseScenario, ScenarioError, type HumanDecision, type RecordedLever, type Scenario } from '@silolab/model';
import type { LedgerRecord } from '@silolab/provenance';
import { scenarioHash } from './run-digest';
import { Simulation, runSimulation } from './simulation';

const TICKS = 8;
const SEATS = ['civil-affairs@north', 'health@city', 'health@north', 'health@south', 'health@hills', 'public-security@city'];
const PROPERTY_RUNS = { numRuns: 12, endOnFailure: true };

/** Twelve departments and two services (one reaching into another region), full provenance so the ledger is digested. */
function scenario(seed: number, extra: Record<string, unknown> = {}): Scenario {
  return parseScenario({
    name: 'seats',
    seed,
    ticks: TICKS,
    population: { systems: ['civil-affairs', 'health', 'public-security'], regions: ['city', 'north', 'south', 'hills'] },
    demand: {
      mode: 'services',
      services: [
        { id: 'elderly-allowance', provider: 'civil-affairs', applicationsPerTick: 2.5, needs: ['health', 'public-security', { system: 'civil-affairs', region: 'other' }] },
        { id: 'residence-permit', provider: 'public-security', applicationsPerTick: 1.5, needs: ['civil-affairs', 'health'] },
      ],
    },
    policies: { provenance: 'full', catalogue: { coverage: 0.8 }, accountability: { auditRate: 0.2, refusalPenalty: 2 } },
    leaks: { rate: 0.2 },
    metrics: { window: 4 },
    ...extra,
  });
}

/** A whole run with its ledger records. */
async function recorded(s: Scenario, decisions?: readonly HumanDecision[]): Promise<{ digest: string; records: LedgerRecord[] }> {
  const records: LedgerRecord[] = [];
  const result = await runSimulation(s, { decisions, onRecord: (record) => records.push(record) });
  return { digest: result.digest, records };
}

/** A choice per request: undecided, share, or refuse for one of the three reasons. */
const choices = fc.array(fc.constantFrom('model', 'share', 'unwilling', 'unable', 'afraid'), { minLength: 64, maxLength: 64 });

/** Plays every tick live: shows the seats their requests, decides them by `choices`, and steps with the decisions. */
async function playLive(s: Scenario, choose: readonly string[]): Promise<{ digest: string; decisions: HumanDecision[]; levers: RecordedLever[] }> {
  const simulation = new Simulation(s);
  const decisions: HumanDecision[] = [];
  const levers: RecordedLever[] = [];
  let k = 0;
  while (!simulation.done) {
    const tick = simulation.tick;
    const mine: HumanDecision[] = [];
    const requests = simulation.requestsFor(SEATS);
    // The facilitator moves a lever while the seats decide: it waits for the next tick.
    if (tick === 3) levers.push({ path: 'policies.incentives.pointsPerShare', value: 3, at: simulation.setLever('policies.incentives.pointsPerShare', 3) });
    for (const request of requests) {
      const choice = choose[k++ % choose.length];
      if (choice === 'model') continue;
      const base = { tick, seat: request.seat, request: request.id };
      mine.push(choice === 'share' ? { ...base, decision: 'share' } : { ...base, decision: 'refuse', reason: choice as 'unwilling' | 'unable' | 'afraid' });
    }
    await simulation.step(mine);
    decisions.push(...mine);
  }
  expect(levers).toEqual([expect.objectContaining({ at: 4 })]);
  return { digest: (await simulation.finish()).digest, decisions, levers };
}

describe('seats and human decisions', () => {
  it('shows each seat exactly the requests to it that the hub allows, with their ids and context', async () => {
    const s = scenario(7);
    const { records } = await recorded(s);
    const simulation = new Simulation(s);
    let shown = 0;
    while (!simulation.done) {
      const tick = simulation.tick;
      const requests = simulation.requestsFor(SEATS);
      const expected = records.filter((r) => r.tick === tick && SEATS.includes(r.owner) && r.decision !== 'denied').map((r) => `${r.owner} ${r.requestId} ${r.requester} ${r.dataset} ${r.purpose}`);
      expect(requests.map((r) => `${r.seat} ${r.id} ${r.requester} ${r.dataset} ${r.purpose}`)).toEqual(expected);
      for (const request of requests) {
        expect(request.requesterSystem).toBe(request.requester.split('@')[0]);
        expect(request.liabilityRegime).toBe(s.policies.accountability.liabilityRegime);
        expect(request.pointsOnOffer).toBe(s.policies.incentives.pointsPerShare);
      }
      shown += requests.length;
      await simulation.step();
    }
    expect(shown).toBeGreaterThan(10);
    // Showing requests changes nothing: the run is the run without seats.
    expect((await simulation.finish()).digest).toBe((await recorded(s)).digest);
  });

  it('deciding every request as the model did gives the model run, bit for bit', async () => {
    let decided = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 ** 31 - 1 }), async (seed) => {
        const s = scenario(seed);
        const { digest, records } = await recorded(s);
        const decisions: HumanDecision[] = records
          .filter((r) => SEATS.includes(r.owner) && r.decision !== 'denied')
          .map((r) => ({ tick: r.tick, seat: r.owner, request: r.requestId, ...(r.decision === 'refused' ? { decision: 'refuse' as const, reason: r.category! } : { decision: 'share' as const }) }));
        decided += decisions.length;
        expect((await recorded(s, decisions)).digest).toBe(digest);
      }),
      PROPERTY_RUNS,
    );
    expect(decided).toBeGreaterThan(PROPERTY_RUNS.numRuns * 10);
  });

  it('people who refuse everything change the run, and their reasons are the ones recorded', async () => {
    const s = scenario(3);
    const model = await recorded(s);
    const simulation = new Simulation(s);
    const decisions: HumanDecision[] = [];
    while (!simulation.done) {
      const tick = simulation.tick;
      const mine = simulation.requestsFor(['health@city']).map((r): HumanDecision => ({ tick, seat: r.seat, request: r.id, decision: 'refuse', reason: 'afraid' }));
      decisions.push(...mine);
      await simulation.step(mine);
    }
    const human = await recorded(s, decisions);
    expect(human.digest).not.toBe(model.digest);
    const ownRecords = human.records.filter((r) => r.owner === 'health@city' && r.decision !== 'denied');
    expect(ownRecords.length).toBe(decisions.length);
    expect(ownRecords.every((r) => r.decision === 'refused' && r.reason === 'afraid')).toBe(true);
    expect(model.records.some((r) => r.owner === 'health@city' && r.decision === 'shared')).toBe(true);
  });

  it('replays recorded lever changes and decisions to the digest of the live session', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 ** 31 - 1 }), choices, async (seed, choose) => {
        const s = scenario(seed);
        const live = await playLive(s, choose);
        const exported = parseScenario({ ...JSON.parse(JSON.stringify(s)), levers: live.levers, decisions: live.decisions });
        expect(scenarioHash(exported)).toBe(scenarioHash(s));
        expect((await runSimulation(exported)).digest).toBe(live.digest);
        // Without the lever the run differs: another digest, or decisions that no longer fit their requests.
        const withoutLever = await runSimulation(s, { decisions: live.decisions }).then(
          (result) => result.digest,
          (error: unknown) => (error instanceof ScenarioError ? 'refused' : Promise.reject(error)),
        );
        expect(withoutLever).not.toBe(live.digest);
      }),
      PROPERTY_RUNS,
    );
  });

  it('refuses, whole, decisions that do not fit (another seat, twice, another tick, no such seat) and the run goes on unchanged', async () => {
    const s = scenario(11);
    const simulation = new Simulation(s);
    const [mine] = simulation.requestsFor(['health@city']);
    const [theirs] = simulation.requestsFor(['civil-affairs@north']);
    const share = (seat: string, request: string, tick = 0): HumanDecision => ({ tick, seat, request, decision: 'share' });
    const refused = async (decisions: HumanDecision[], message: RegExp) => {
      const error = await simulation.step(decisions).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as Error).message).toMatch(message);
    };
    await refused([share('health@city', theirs.id)], /decision 0\.request: .* is not a request to health@city/);
    await refused([share('health@city', mine.id), share('health@city', mine.id)], /decision 1\.request: .* decided twice/);
    await refused([share('health@city', mine.id, 1)], /decision 0\.tick: is 1, but the run is at tick 0/);
    await refused([share('nobody@nowhere', mine.id)], /decision 0\.seat: no department "nobody@nowhere"/);
    expect(simulation.tick).toBe(0);
    while (!simulation.done) await simulation.step();
    expect((await simulation.finish()).digest).toBe((await recorded(s)).digest);
    expect(() => new Simulation(s, { decisions: [share('health@city', mine.id, TICKS)] })).toThrow(/decisions\[0\]\.tick: is 8, but the run has 8 ticks/);
    expect(() => simulation.requestsFor(['nobody'])).toThrow();
  });
});
