// What a run will take, computed from the scenario alone before anything is allocated: memory and requests per tick,
// checked against limits the caller sets (the CLI from the machine's memory, the server from its operator).
import { demandSchema, ScenarioError, setPath, type InputIssue, type Scenario } from '@silolab/model';

/**
 * Bytes per structure, measured on Node 20 (`node --expose-gc`, heap and array-buffer deltas of a built and stepped
 * Simulation). Update these when a representation changes — e.g. when the pair state becomes sparse (issue #14), the
 * `perPair` term becomes a per-touched-pair term.
 */
export const ESTIMATE_BYTES = {
  /**
   * Per ordered pair of departments (n²), as dense typed arrays: the state's reciprocity, trust and flow (8 bytes
   * each) and lastShared (4); the tick accumulator's decided, sharedDecisions and delivered (4 each). Measured 40.5.
   */
  perPair: 40,
  /** Per department: its object, id string, and the per-department arrays of state, rules and metrics. Measured ~350. */
  perDepartment: 400,
  /** Per dataset: its object, id string, and its columns in the rules and the policy view. Measured ~220. */
  perDataset: 250,
  /** Per tie of the window's sharing network (graphology edge, attributes, adjacency) and Louvain's work on it. Measured ~390. */
  perNetworkEdge: 500,
  /** Per conditional-data agreement (a Map entry and its object). */
  perAgreement: 150,
  /** Per slot of the metrics window (a small Float64Array and its slot). */
  perWindowSlot: 120,
  /** Per request of the batch the demand fills (five Int32 and four Uint8 columns); the batch holds 65,536. */
  perBatchRequest: 24,
  /** Per ledger record held until its tick is stored or written (full provenance): the record and its line. */
  perBufferedLedgerRecord: 800,
} as const;

/** Requests per batch (the Simulation's default `batchSize`). */
const BATCH_REQUESTS = 65_536;

/** Ordinals and application indices are 32-bit: no tick may hold more requests than this, whatever the limits. */
export const MAX_REQUESTS_PER_TICK = 2 ** 31 - 1;

/** The estimate of one run. */
export interface RunEstimate {
  departments: number;
  datasets: number;
  /** Largest demand of any tick (the scenario and each state its interventions lead to); an upper bound for services. */
  requestsPerTick: number;
  /** Where that demand comes from (a scenario path) and how it adds up. */
  demandSource: { path: string; detail: string };
  /** Ledger records the run writes in `full` provenance (requests per tick × ticks), 0 otherwise. */
  ledgerRecords: number;
  /** Peak memory of the run's own structures, by structure, and in total. */
  bytesByStructure: Record<keyof typeof ESTIMATE_BYTES, number>;
  bytes: number;
}

/** Demand per tick of one scenario state, with its source. */
function demandOf(demand: Scenario['demand'], departments: number, regions: number): { requests: number; path: string; detail: string } {
  switch (demand.mode) {
    case 'services': {
      // ⌈λ⌉ applications per region (the fractional part is drawn), one request per need.
      const perService = demand.services.map((service, s) => ({ s, requests: Math.ceil(service.applicationsPerTick) * regions * service.needs.length, service }));
      const busiest = perService.reduce((a, b) => (b.requests > a.requests ? b : a));
      return {
        requests: perService.reduce((sum, entry) => sum + entry.requests, 0),
        path: `demand.services[${busiest.s}].applicationsPerTick`,
        detail: `${perService.length} service${perService.length === 1 ? '' : 's'}; the largest, ${busiest.service.id}: ${busiest.service.applicationsPerTick} applications × ${regions} regions × ${busiest.service.needs.length} needs`,
      };
    }
    case 'random-pairs':
      return { requests: Math.ceil(demand.probability * departments * (departments - 1)), path: 'demand.probability', detail: `${demand.probability} × ${departments} × ${departments - 1} ordered pairs` };
    case 'pairing':
      return { requests: demand.rounds * 2 * Math.floor(departments / 2), path: 'demand.rounds', detail: `${demand.rounds} rounds × ${departments} departments` };
  }
}

/** Agreements a run starts with, at most: one per (provider department, conditional dataset it needs). */
function initialAgreements(scenario: Scenario): number {
  if (scenario.demand.mode !== 'services') return 0;
  const regions = scenario.population.regions.length;
  return scenario.demand.services.reduce((sum, service) => sum + service.needs.reduce((n, need) => n + regions * (typeof need !== 'string' && need.region === 'other' ? regions - 1 : 1), 0), 0);
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
  const departments = scenario.population.systems.length * scenario.population.regions.length;
  const datasets = departments * scenario.population.datasetsPerDepartment;
  const regions = scenario.population.regions.length;
  let busiest = demandOf(scenario.demand, departments, regions);
  // Each state the interventions lead to (validated with the scenario): only its demand is needed.
  let state: unknown = scenario;
  for (const intervention of [...scenario.interventions].sort((a, b) => a.at - b.at)) {
    for (const [path, value] of Object.entries(intervention.set)) state = setPath(state, path, value);
    const demand = demandOf(demandSchema.parse((state as Scenario).demand), departments, regions);
    if (demand.requests > busiest.requests) busiest = { ...demand, detail: `${demand.detail} (from the intervention at tick ${intervention.at})` };
  }
  const requestsPerTick = busiest.requests;
  const full = scenario.policies.provenance === 'full';
  const window = scenario.metrics.window;
  const b = ESTIMATE_BYTES;
  const bytesByStructure = {
    perPair: departments * departments * b.perPair,
    perDepartment: departments * b.perDepartment,
    perDataset: datasets * b.perDataset,
    perNetworkEdge: Math.min((departments * (departments - 1)) / 2, window * requestsPerTick) * b.perNetworkEdge,
    perAgreement: Math.min(initialAgreements(scenario) + requestsPerTick, departments * datasets) * b.perAgreement,
    perWindowSlot: window * b.perWindowSlot,
    perBatchRequest: Math.min(BATCH_REQUESTS, Math.max(requestsPerTick, 1)) * b.perBatchRequest,
    perBufferedLedgerRecord: full && options.keepsLedger ? requestsPerTick * b.perBufferedLedgerRecord : 0,
  };
  const bytes = Object.values(bytesByStructure).reduce((sum, value) => sum + value, 0);
  return { departments, datasets, requestsPerTick, demandSource: { path: busiest.path, detail: busiest.detail }, ledgerRecords: full ? requestsPerTick * ticks : 0, bytesByStructure, bytes };
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
  if (!(estimate.requestsPerTick <= requestCap)) {
    const hard = requestCap === MAX_REQUESTS_PER_TICK;
    issues.push({
      path: estimate.demandSource.path,
      message: `${formatCount(estimate.requestsPerTick)} requests per tick (${estimate.demandSource.detail}) exceed the limit of ${formatCount(requestCap)}${hard ? ' (32-bit request ordinals)' : `; raise it with ${limits.requestsPerTick.raise}`}`,
    });
  }
  const [largest] = Object.entries(estimate.bytesByStructure).sort((a, b) => b[1] - a[1]);
  const population = largest[0] === 'perPair' || largest[0] === 'perDepartment' || largest[0] === 'perDataset';
  // Memory driven by demand is already explained by the demand issue.
  if (!(estimate.bytes <= limits.memoryBytes.value) && (population || issues.length === 0)) {
    const where = population ? 'population' : largest[0] === 'perBufferedLedgerRecord' ? 'policies.provenance' : estimate.demandSource.path;
    const why = largest[0] === 'perPair' ? `${formatCount(estimate.departments)} departments: ${formatCount(estimate.departments ** 2)} department pairs` : `mostly ${largest[0].replace(/^per/, '').replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).trim()}s`;
    issues.push({ path: where, message: `the run needs about ${formatBytes(estimate.bytes)} (${why}), above the limit of ${formatBytes(limits.memoryBytes.value)}; raise it with ${limits.memoryBytes.raise}` });
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
