import { applyOverrides, parseScenario, type Scenario } from '@silolab/model';
// A test fixture of the model (not part of its public surface).
import { scenarioErrorOf as scenarioError } from '../../model/src/scenario/scenario-issues.fixture';
import { assertWithinLimits, estimateRun, ESTIMATE_BYTES, limitIssues, MAX_REQUESTS_PER_TICK, type RunLimits } from './run-estimate';
import { runSimulation, Simulation } from './simulation';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const scenario = (systems: number, regions: number, extra: Record<string, unknown> = {}): Scenario =>
  parseScenario({
    name: 'probe',
    population: { systems: ids('s', systems), regions: ids('r', regions) },
    demand: { mode: 'services', services: [{ id: 'x', provider: 's0', applicationsPerTick: 2, needs: ['s1', { system: 's1', region: 'other' }] }] },
    ticks: 3,
    ...extra,
  });
const limits = (memoryMb: number, requests: number, stored?: number): RunLimits => ({
  memoryBytes: { value: memoryMb * 2 ** 20, raise: '--max-run-memory' },
  requestsPerTick: { value: requests, raise: '--max-requests-per-tick' },
  ...(stored !== undefined ? { storedLedgerRecords: { value: stored, raise: '--max-stored-ledger' } } : {}),
});

describe('estimateRun', () => {
  it('counts requests per tick from ⌈λ⌉ applications × regions × needs, and pairs that may exchange up to requests × ticks and n(n − 1)', () => {
    const estimate = estimateRun(scenario(2, 3));
    expect(estimate).toMatchObject({ departments: 6, datasets: 24, requestsPerTick: 2 * 3 * 2, activePairs: 6 * 5, demandSource: { path: 'demand.services[0].applicationsPerTick' } });
    expect(estimate.bytesByStructure.perActivePair).toBe(30 * ESTIMATE_BYTES.perActivePair);
    expect(estimateRun(scenario(20, 30), 2).activePairs).toBe(2 * 30 * 2 * 2);
  });

  it('counts the draws of random-pairs demand: every ordered pair, every tick, however rare the requests', () => {
    const rare = parseScenario({ name: 'rare', population: { systems: ids('s', 20), regions: ids('r', 100) }, demand: { mode: 'random-pairs', probability: 1e-9 } });
    const estimate = estimateRun(rare);
    expect(estimate).toMatchObject({ requestsPerTick: 1, drawsPerTick: 2000 * 1999 });
    expect(limitIssues(estimate, limits(1024, 1_000_000))).toEqual([{ path: 'demand.probability', message: expect.stringMatching(/^3,998,000 pairs drawn per tick .* exceed the limit of 1,000,000 requests per tick; raise it with --max-requests-per-tick$/) }]);
  });

  it('takes the busiest state an intervention leads to', () => {
    const busy = scenario(2, 3, { interventions: [{ at: 2, set: { 'demand.services[0].applicationsPerTick': 1000 } }] });
    expect(estimateRun(busy)).toMatchObject({ requestsPerTick: 1000 * 3 * 2, demandSource: { detail: expect.stringContaining('from the intervention at tick 2') } });
  });

  it('counts held ledger records only when the caller keeps them, and stored ones per run', () => {
    const s = scenario(2, 3);
    expect(estimateRun(s).bytesByStructure.perBufferedLedgerRecord).toBe(0);
    expect(estimateRun(s, 10, { keepsLedger: true })).toMatchObject({ ledgerRecords: 120, bytesByStructure: { perBufferedLedgerRecord: 12 * ESTIMATE_BYTES.perBufferedLedgerRecord } });
    expect(limitIssues(estimateRun(s, 10), limits(64, 1000, 100), { storesLedger: true })).toEqual([{ path: 'storeLedger', message: expect.stringMatching(/about 120 ledger records, above the limit of 100 per run; raise it with --max-stored-ledger/) }]);
  });
});

describe('run limits', () => {
  it('refuses 1e308 applications per tick by the path that asks for them, whatever the limits', () => {
    const absurd = applyOverrides(scenario(2, 3), { 'demand.services[0].applicationsPerTick': 1e308 });
    const issues = limitIssues(estimateRun(absurd), limits(1e9, Number.MAX_SAFE_INTEGER));
    expect(issues).toEqual([{ path: 'demand.services[0].applicationsPerTick', message: expect.stringContaining(`exceed the limit of ${MAX_REQUESTS_PER_TICK.toLocaleString('en')} (32-bit request ordinals)`) }]);
    // The engine refuses it on its own, before allocating: the run would otherwise never finish its first tick.
    expect(scenarioError(() => new Simulation(absurd)).issues[0].path).toBe('demand.services[0].applicationsPerTick');
  });

  it('refuses 1,000 × 1,000 departments by memory before allocating, naming the population and how to raise the limit', () => {
    const huge = scenario(1000, 1000);
    const error = scenarioError(() => assertWithinLimits(huge, 3, limits(1024, 1e6), 'big.yaml'));
    expect(error.message).toMatch(/^big\.yaml: invalid scenario\n {2}population: the run needs about \d+\.\d GiB \(1,000,000 departments; up to 12,000 department pairs exchanging\), above the limit of 1\.0 GiB; raise it with --max-run-memory$/);
    expect(scenarioError(() => new Simulation(huge, { limits: limits(1024, 1e6) })).issues[0].path).toBe('population');
  });

  it('checks levers against the limits too', () => {
    const simulation = new Simulation(scenario(2, 3), { limits: limits(64, 100) });
    expect(scenarioError(() => simulation.setLever('demand.services[0].applicationsPerTick', 1e6)).issues[0]).toMatchObject({ path: 'demand.services[0].applicationsPerTick', message: expect.stringContaining('raise it with --max-requests-per-tick') });
  });

  it('lets runs within the limits run to the same digest as without limits', async () => {
    const s = scenario(3, 3);
    expect((await runSimulation(s, { limits: limits(64, 1000) })).digest).toBe((await runSimulation(s)).digest);
  });
});
