// What a run will take, computed from the scenario alone before anything is allocated: memory and requests per tick,
// checked against limits the caller sets (the CLI from the machine's memory, the server from its operator).
import { demandSchema, departmentCount, regionCount, ScenarioError, setPath, type InputIssue, type Scenario } from '@silolab/model';

/**
 * Bytes per structure, measured on Node 20 (`node --expose-gc`: heap and array-buffer deltas of a built and stepped
 * Simulation; `npm run bench:hardening` prints estimate against measurement). Update these when a representation
 * changes: each term names the structure it stands for.
 */
export const ESTIMATE_BYTES = {
  /**
   * Per pair of departments that has exchanged (the sparse relationship store): a slot of reciprocity, trust, flow
   * (8 bytes each), source, target and lastShared (4 each), its hash-table entries and row-order entry (~16), and the
   * growth headroom of columns that double (up to ×2).
   */
  perActivePair: 100,
  /** Per pair with an owner decision in a tick: the tick accumulator's decided / delivered / shared columns (growable). */
  perTickPair: 32,
  /**
   * Per department: its object and id, the per-department arrays of state, rules and metrics, and its node in the
   * window network (graphology) and Louvain's work on it — most of it. Measured ~1.5 KB.
   */
  perDepartment: 1500,
  /** Per dataset: its object, id string, and its columns in the rules and the policy view. */
  perDataset: 250,
  /** Per region and service need: where the need's owner is for each applicant region (Int32 columns). */
  perNeedRegion: 12,
  /** Per tie of the window's sharing network (graphology edge, attributes, adjacency) and Louvain's work on it. */
  perNetworkEdge: 500,
  /** Per conditional-data agreement made during the run (a Map entry and its object). */
  perAgreement: 150,
  /** Per slot of the metrics window (a small Float64Array and its slot). */
  perWindowSlot: 120,
  /** Per request of the batch the demand fills (five Int32 and four Uint8 columns), allocated for all 65,536. */
  perBatchRequest: 24,
  /** Per ledger record held until its tick is stored or written (full provenance): the record and its line. */
  perBufferedLedgerRecord: 800,
  /** Per run, whatever its size: the scenario, compiled views, caches, the metrics' fixed structures. Measured ~5 MB. */
  perRun: 5 * 2 ** 20,
} as const;

/** Requests per batch (the Simulation's default `batchSize`). */
const BATCH_REQUESTS = 65_536;

/** Ordinals and application indices are 32-bit: no tick may hold more requests than this, whatever the limits. */
export const MAX_REQUESTS_PER_TICK = 2 ** 31 - 1;

/** The estimate of one run. */
export interface RunEstimate {
  departments: number;
  datasets: number;
  /** Largest demand of any tick (the scenario and each state its interventions reach); an upper bound for services. */
  requestsPerTick: number;
  /** Draws per tick the demand makes to find its requests: `random-pairs` considers every ordered pair. */
  drawsPerTick: number;
  /** Where that demand comes from (a scenario path) and how it adds up. */
  demandSource: { path: string; detail: string };
  /** Pairs of departments that may have exchanged by the end of the run (at most n·(n − 1)). */
  activePairs: number;
  /** Ledger records the run writes in `full` provenance (requests per tick × ticks), 0 otherwise. */
  ledgerRecords: number;
  /** Peak memory of the run's own structures, by structure, and in total. */
  bytesByStructure: Record<keyof typeof ESTIMATE_BYTES, number>;
  bytes: number;
}

/** Regions where a service takes applications: those of its level (nested regions), else all. */
function serviceRegions(scenario: Scenario, level: string | undefined): number {
  const regions = scenario.population.regions;
  if (level === undefined || Array.isArray(regions)) return regionCount(regions);
  return regions.levels.find((l) => l.name === level)?.count ?? regionCount(regions);
}

/** Demand per tick of one scenario state (its demand block), with the draws it takes and its source. */
function demandOf(scenario: Scenario, demand: Scenario['demand'], departments: number): { requests: number; draws: number; path: string; detail: string } {
  const pairs = departments * (departments - 1);
  switch (demand.mode) {
    case 'services': {
      // ⌈λ⌉ applications per region (the fractional part is drawn), one request per need.
      const perService = demand.services.map((service, s) => {
        const regions = serviceRegions(scenario, service.level);
        return { s, requests: Math.ceil(service.applicationsPerTick) * regions * service.needs.length, regions, service };
      });
      const busiest = perService.reduce((a, b) => (b.requests > a.requests ? b : a));
      const requests = perService.reduce((sum, entry) => sum + entry.requests, 0);
      return {
        requests,
        draws: requests,
        path: `demand.services[${busiest.s}].applicationsPerTick`,
        detail: `${perService.length} service${perService.length === 1 ? '' : 's'}; the largest, ${busiest.service.id}: ${busiest.service.applicationsPerTick} applications × ${busiest.regions} regions × ${busiest.service.needs.length} needs`,
      };
    }
    case 'random-pairs':
      return { requests: Math.ceil(demand.probability * pairs), draws: pairs, path: 'demand.probability', detail: `${demand.probability} × ${departments} × ${departments - 1} ordered pairs, each drawn every tick` };
    case 'pairing':
      return { requests: demand.rounds * 2 * Math.floor(departments / 2), draws: demand.rounds * departments, path: 'demand.rounds', detail: `${demand.rounds} rounds × ${departments} departments` };
  }
}

/** What the caller does with the run beyond simulating it. */
export interface EstimateOptions {
  /** Each tick's ledger records are held until the tick is written or stored (`--out`, `storeLedger`). */
  keepsLedger?: boolean;
}

/**
 * Estimates a run of `ticks` ticks of `scenario` (validated; its interventions are applied in turn to find the
 * busiest state). Pure arithmetic on the scenario: nothing of the run is allocated.
 */
export function estimateRun(scenario: Scenario, ticks: number = scenario.ticks, options: EstimateOptions = {}): RunEstimate {
  const departments = departmentCount(scenario);
  const regions = regionCount(scenario.population.regions);
  const datasets = departments * scenario.population.datasetsPerDepartment;
  let busiest = demandOf(scenario, scenario.demand, departments);
  let needs = scenario.demand.mode === 'services' ? scenario.demand.services.reduce((sum, service) => sum + service.needs.length, 0) : 0;
  // Each state the interventions lead to (validated with the scenario): only its demand is needed.
  let state: unknown = scenario;
  for (const intervention of [...scenario.interventions].sort((a, b) => a.at - b.at)) {
    for (const [path, value] of Object.entries(intervention.set)) state = setPath(state, path, value);
    const parsed = demandSchema.parse((state as Scenario).demand);
    const demand = demandOf(scenario, parsed, departments);
    if (parsed.mode === 'services') needs = Math.max(needs, parsed.services.reduce((sum, service) => sum + service.needs.length, 0));
    if (Math.max(demand.requests, demand.draws) > Math.max(busiest.requests, busiest.draws)) busiest = { ...demand, detail: `${demand.detail} (from the intervention at tick ${intervention.at})` };
  }
  const requestsPerTick = busiest.requests;
  const pairs = departments * (departments - 1);
  const activePairs = Math.min(pairs, requestsPerTick * ticks);
  const full = scenario.policies.provenance === 'full';
  const window = scenario.metrics.window;
  const b = ESTIMATE_BYTES;
  const bytesByStructure = {
    perActivePair: activePairs * b.perActivePair,
    perTickPair: Math.min(pairs, requestsPerTick) * b.perTickPair,
    perDepartment: departments * b.perDepartment,
    perDataset: datasets * b.perDataset,
    perNeedRegion: needs * regions * b.perNeedRegion,
    // A tie joins two departments whichever way data flowed: at most half the ordered pairs.
    perNetworkEdge: Math.min(pairs, activePairs, window * requestsPerTick) * 0.5 * b.perNetworkEdge,
    perAgreement: Math.min(requestsPerTick * ticks, departments * datasets) * b.perAgreement,
    perWindowSlot: window * b.perWindowSlot,
    perBatchRequest: BATCH_REQUESTS * b.perBatchRequest,
    perBufferedLedgerRecord: full && options.keepsLedger ? requestsPerTick * b.perBufferedLedgerRecord : 0,
    perRun: b.perRun,
  };
  const bytes = Object.values(bytesByStructure).reduce((sum, value) => sum + value, 0);
  return {
    departments,
    datasets,
    requestsPerTick,
    drawsPerTick: busiest.draws,
    demandSource: { path: busiest.path, detail: busiest.detail },
    activePairs,
    ledgerRecords: full ? requestsPerTick * ticks : 0,
    bytesByStructure,
    bytes,
  };
}

/** One limit: its value and how the user raises it (a flag or a variable, named in the error). */
export interface RunLimit {
  value: number;
  raise: string;
}

/** The limits a run must fit; `storedLedgerRecords` only where ledgers are stored (the orchestrator). */
export interface RunLimits {
  memoryBytes: RunLimit;
  requestsPerTick: RunLimit;
  storedLedgerRecords?: RunLimit;
}

const formatBytes = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.ceil(bytes / 2 ** 20)} MiB`);
const formatCount = (n: number) => (!Number.isFinite(n) ? 'more than 1e308' : n >= 1e15 ? n.toExponential(2) : Math.round(n).toLocaleString('en'));

/** Every limit the estimate exceeds, as input issues naming the scenario path, the limit and how to raise it. */
export function limitIssues(estimate: RunEstimate, limits: RunLimits, options: { storesLedger?: boolean } = {}): InputIssue[] {
  const issues: InputIssue[] = [];
  const requestCap = Math.min(limits.requestsPerTick.value, MAX_REQUESTS_PER_TICK);
  const raiseRequests = requestCap === MAX_REQUESTS_PER_TICK ? ' (32-bit request ordinals)' : `; raise it with ${limits.requestsPerTick.raise}`;
  if (!(estimate.requestsPerTick <= requestCap)) {
    issues.push({ path: estimate.demandSource.path, message: `${formatCount(estimate.requestsPerTick)} requests per tick (${estimate.demandSource.detail}) exceed the limit of ${formatCount(requestCap)}${raiseRequests}` });
  } else if (!(estimate.drawsPerTick <= requestCap)) {
    issues.push({ path: estimate.demandSource.path, message: `${formatCount(estimate.drawsPerTick)} pairs drawn per tick (${estimate.demandSource.detail}) exceed the limit of ${formatCount(requestCap)} requests per tick${raiseRequests}` });
  }
  const memory = limits.memoryBytes.value;
  if (!(estimate.bytes <= memory)) {
    const terms = estimate.bytesByStructure;
    const populationBytes = terms.perDepartment + terms.perDataset + terms.perNeedRegion;
    const [largest] = Object.entries(terms).sort((a, b) => b[1] - a[1]);
    // Memory driven by demand is already explained by a demand issue.
    const where = populationBytes > memory ? 'population' : largest[0] === 'perBufferedLedgerRecord' ? 'policies.provenance' : estimate.demandSource.path;
    if (where === 'population' || issues.length === 0) {
      issues.push({
        path: where,
        message: `the run needs about ${formatBytes(estimate.bytes)} (${formatCount(estimate.departments)} departments; up to ${formatCount(estimate.activePairs)} department pairs exchanging), above the limit of ${formatBytes(memory)}; raise it with ${limits.memoryBytes.raise}`,
      });
    }
  }
  if (options.storesLedger && limits.storedLedgerRecords && !(estimate.ledgerRecords <= limits.storedLedgerRecords.value)) {
    issues.push({ path: 'storeLedger', message: `the run would store about ${formatCount(estimate.ledgerRecords)} ledger records, above the limit of ${formatCount(limits.storedLedgerRecords.value)} per run; raise it with ${limits.storedLedgerRecords.raise}, or run fewer ticks` });
  }
  return issues;
}

/** Throws a {@link ScenarioError} from `source` when the run would exceed a limit. */
export function assertWithinLimits(scenario: Scenario, ticks: number, limits: RunLimits, source: string, options: EstimateOptions & { storesLedger?: boolean } = {}): RunEstimate {
  const estimate = estimateRun(scenario, ticks, options);
  const issues = limitIssues(estimate, limits, options);
  if (issues.length > 0) throw new ScenarioError(source, issues);
  return estimate;
}
