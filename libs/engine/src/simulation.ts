// A run: the clock and the seven tick phases, in order, over any transport.
import type { TieColumns } from '@silolab/metrics';
import { applyOverrides, parseScenario, REFUSAL_CATEGORIES, ScenarioError, setPath, unchangeableReason, type HumanDecision, type Scenario, type World } from '@silolab/model';
import type { LedgerRecord } from '@silolab/provenance';
import { InProcessResolver, type ExchangeResolver } from './exchange-resolver';
import { ExchangeRules } from './exchange-rules';
import { LedgerWriter } from './ledger-writer';
import { compilePolicyView } from './policy-view';
import { listSeatRequests, ownerDecisionsOf, type OpenRequest, type PlacedDecision, type SeatRequest } from './seat-requests';
import { KeyedRandom } from './random/keyed-random';
import type { NotableEvents } from './notable-events';
import { RequestBatch } from './request-batch';
import { RunDigest, scenarioHash } from './run-digest';
import { InitialAgreements } from './initial-agreements';
import type { RelationshipStoreFactory } from './relationship-store';
import { assertWithinLimits, MAX_REQUESTS_PER_TICK, type RunLimits } from './run-estimate';
import { initialState, type SimulationState } from './simulation-state';
import { TickAccumulator } from './tick-accumulator';
import { advanceAgreements, imitate, learn } from './tick-end';
import { MetricsWindow, networkMetrics, tickMetrics, type NetworkMetrics, type TickMetrics } from './tick-metrics';
import { buildServices, buildWorld } from './world.builder';
import { createDemand, type DemandCursor } from './demand';

/** Options of a run. The seed and tick count default to the scenario's. */
export interface SimulationOptions {
  seed?: number;
  ticks?: number;
  /** The transport that resolves exchanges; in process by default. */
  resolver?: ExchangeResolver;
  /** Requests per batch handed to the resolver (default 65,536). */
  batchSize?: number;
  /** Receives every ledger record in `full` provenance mode, in canonical order. */
  onRecord?: (record: LedgerRecord) => void;
  /** Share of departments played by people (workshop mode), for the empowerment index. */
  humanPlayedShare?: number | null;
  /**
   * Limits the run must fit, checked from the scenario before anything is allocated, and again for every lever.
   * Default {@link ENGINE_LIMITS}: only what the engine itself cannot exceed.
   */
  limits?: RunLimits;
  /** The layout of the relationship state: sparse by default (the tests also run the dense reference layout). */
  relationships?: RelationshipStoreFactory;
  /** Recorded human decisions to replay, each at its tick (default: the scenario's `decisions`). */
  decisions?: readonly HumanDecision[];
}

/** What any run must fit: 32-bit request ordinals per tick (so `applicationsPerTick: 1e308` is refused, not looped over). */
export const ENGINE_LIMITS: RunLimits = {
  memoryBytes: { value: Number.POSITIVE_INFINITY, raise: '' },
  requestsPerTick: { value: MAX_REQUESTS_PER_TICK, raise: '' },
};

/** What one tick produced. */
export interface TickResult {
  tick: number;
  metrics: TickMetrics;
  ledgerHead: string;
  ledgerRecords: number;
  /** Louvain community of each department in the window network (for the dashboard's silo outlines). */
  communityOf: Int32Array;
  /** Each department's strongest ties in the window network, with their data flow (computed with `communityOf`). */
  ties: TieColumns;
  /** The tick's leaks, audits of refusals and escalations, each list bounded (see NOTABLE_EVENTS_PER_KIND). */
  notable: NotableEvents;
  /** Per department (index = department index), at the close of the tick. */
  departments: DepartmentFigures;
}

/** A department's figures at the close of a tick, as columns indexed by department. */
export interface DepartmentFigures {
  /** Points (积分) earned so far. */
  points: Float64Array;
  /** Perceived leak risk ρ (the fear behind 不敢). */
  perceivedRisk: Float64Array;
  /** Penalties paid so far (leaks blamed on it, unjustified refusals found by audits). */
  penalties: Float64Array;
  /** Shares it delivered as owner in this tick. */
  delivered: Float64Array;
}

/** The end of a run. */
export interface RunResult {
  digest: string;
  ledgerHead: string;
  ticks: number;
  seed: number;
  scenarioHash: string;
  run: string;
  final: TickMetrics;
  /** Refusal counts by reason summed over the run (owner refusals), and all non-deliveries by category. */
  refusals: Record<string, number>;
  blocked: Record<string, number>;
  exchanges: number;
}

/**
 * The simulation: the model owns its keyed random source and its clock. Each tick runs the phases in order:
 * 1 demand → 2 permission check → 3 owner decision → 4 transfer (2–4 by the resolver, per request) →
 * 5 leaks and accountability → 6 learning → 7 metrics. Decisions read the state as it was at the start of the
 * tick; every update is applied after all exchanges are closed, in canonical order.
 */
export class Simulation {
  readonly seed: number;
  readonly ticks: number;
  readonly world: World;
  readonly state: SimulationState;
  readonly run: string;
  readonly scenarioHash: string;
  private scenario: Scenario;
  private readonly random: KeyedRandom;
  private readonly rules: ExchangeRules;
  private readonly resolver: ExchangeResolver;
  private accumulator: TickAccumulator;
  private readonly ledger: LedgerWriter;
  private readonly window: MetricsWindow;
  private readonly digest = new RunDigest();
  private readonly batch: RequestBatch;
  private demand: DemandCursor;
  private network: NetworkMetrics | null = null;
  /** Lever changes waiting for the next tick, by path (a Map: paths are user input, never object keys). */
  private pending = new Map<string, unknown>();
  private last: TickMetrics | null = null;
  private readonly totals = { refusals: new Float64Array(3), blocked: new Float64Array(3), exchanges: 0 };
  private readonly humanPlayedShare: number | null;
  private readonly limits: RunLimits;
  private readonly keepsLedger: boolean;
  /** The tick whose interventions and levers are applied and whose policy view the rules are bound to (−1: none yet). */
  private openedTick = -1;
  /** Recorded decisions by tick, and departments by id (seats are named by department id). */
  private readonly recorded = new Map<number, PlacedDecision[]>();
  private readonly departmentIndex: Map<string, number>;
  private seatBatch: RequestBatch | null = null;

  constructor(scenario: Scenario, options: SimulationOptions = {}) {
    this.scenario = scenario;
    this.seed = options.seed ?? scenario.seed;
    this.ticks = options.ticks ?? scenario.ticks;
    this.limits = options.limits ?? ENGINE_LIMITS;
    this.keepsLedger = options.onRecord !== undefined;
    // Size before allocation: the world and the pair state below are sized by the scenario.
    assertWithinLimits(scenario, this.ticks, this.limits, 'scenario', { keepsLedger: this.keepsLedger });
    this.random = new KeyedRandom(this.seed);
    this.world = buildWorld(scenario, this.random);
    this.state = initialState(scenario, this.world, this.random, options.relationships);
    this.scenarioHash = scenarioHash(scenario);
    this.run = `${this.scenarioHash.slice(0, 12)}-s${this.seed}`;
    this.rules = new ExchangeRules(this.world, this.random, new InitialAgreements(scenario, this.world, this.random));
    this.resolver = options.resolver ?? new InProcessResolver();
    this.accumulator = new TickAccumulator(this.world, this.random);
    this.ledger = new LedgerWriter(scenario.policies.provenance, this.world, this.random, this.run, options.onRecord);
    this.window = new MetricsWindow(scenario.metrics.window);
    const batchSize = options.batchSize ?? 65536;
    const largest = Math.max(2, ...this.world.services.map((service) => service.needs.length));
    if (!Number.isInteger(batchSize) || batchSize < largest) throw new RangeError(`batchSize must be an integer of at least ${largest} (the largest application's requests), got ${batchSize}`);
    this.batch = new RequestBatch(batchSize);
    this.demand = createDemand(scenario, this.world, this.random);
    this.humanPlayedShare = options.humanPlayedShare ?? null;
    this.departmentIndex = new Map(this.world.departments.map((department) => [department.id, department.index]));
    const recorded = options.decisions ?? scenario.decisions ?? [];
    const late = recorded.findIndex((decision) => decision.tick >= this.ticks);
    if (late >= 0) throw new ScenarioError('scenario', [{ path: `decisions[${late}].tick`, message: `is ${recorded[late].tick}, but the run has ${this.ticks} ticks (0–${this.ticks - 1})` }]);
    recorded.forEach((decision, k) => {
      const placed = { decision, where: `decisions[${k}]` };
      const list = this.recorded.get(decision.tick);
      if (list) list.push(placed);
      else this.recorded.set(decision.tick, [placed]);
    });
  }

  /** The scenario in force (after interventions and lever changes so far). */
  get currentScenario(): Scenario {
    return this.scenario;
  }

  get tick(): number {
    return this.state.tick;
  }

  get done(): boolean {
    return this.state.tick >= this.ticks;
  }

  /**
   * Changes a lever (a dotted scenario path) from the next tick the simulation opens, as a trainer's control or a fork
   * does, and returns that tick (a tick already opened — being stepped, or its requests shown to seats — keeps its
   * policy). Validated against the scenario schema now; throws a ScenarioError naming the path when invalid.
   */
  setLever(path: string, value: unknown): number {
    const unchangeable = unchangeableReason(path);
    if (unchangeable) throw new ScenarioError(`lever ${path}`, [{ path, message: unchangeable }]);
    const next = applyOverrides(this.scenario, Object.fromEntries([...this.pending, [path, value]]), `lever ${path}`);
    assertWithinLimits(next, this.ticks, this.limits, `lever ${path}`, { keepsLedger: this.keepsLedger });
    const services = next.demand.mode === 'services' ? next.demand.services : [];
    const unknownGroups = services.map((service) => service.citizenGroup).filter((group) => !this.world.citizenGroups.includes(group));
    if (unknownGroups.length > 0) {
      throw new ScenarioError(`lever ${path}`, [{ path, message: `citizen group ${[...new Set(unknownGroups)].join(', ')} is not in this run (its groups: ${this.world.citizenGroups.join(', ')}); schedule the service as an intervention instead` }]);
    }
    this.pending.set(path, value);
    return this.openedTick === this.state.tick ? this.state.tick + 1 : this.state.tick;
  }

  /**
   * The next tick's requests to the given seats (department ids) that the hub allows, with their context and stable
   * ids, for people to decide. Opens the tick: its interventions and pending levers apply now, and levers set after
   * this call wait for the tick after it (the requests shown were computed under the tick's policy).
   */
  requestsFor(seats: readonly string[]): SeatRequest[] {
    const indices = new Set<number>();
    for (const seat of seats) {
      const index = this.departmentIndex.get(seat);
      if (index === undefined) throw new RangeError(`no department ${JSON.stringify(seat)} in this run`);
      indices.add(index);
    }
    this.openNextTick();
    return this.listOpenRequests(indices).map((open) => open.request);
  }

  /**
   * Runs the next tick through all seven phases. `decisions` are people's owner decisions for this tick (besides any
   * recorded in the scenario); requests to seats without a decision are decided by the model's behaviour rule. A
   * decision that is not for an allowed request to its seat at this tick throws a ScenarioError before anything runs.
   */
  async step(decisions: readonly HumanDecision[] = []): Promise<TickResult> {
    this.openNextTick();
    const tick = this.state.tick;
    const given = [...(this.recorded.get(tick) ?? []), ...decisions.map((decision, k) => ({ decision, where: `decision ${k}` }))];
    const human = given.length > 0 ? ownerDecisionsOf(tick, given, this.departmentIndex, (seats) => this.listOpenRequests(seats)) : null;
    this.accumulator.reset();
    this.ledger.beginTick(tick);

    // Phases 1–4 in chunks: demand fills a batch, the resolver settles it, the batch is closed in ordinal order.
    this.demand.reset(tick);
    let ordinal = 0;
    let more = true;
    while (more) {
      this.batch.length = 0;
      this.batch.firstOrdinal = ordinal;
      more = this.demand.fill(this.batch);
      if (this.batch.length === 0) {
        if (more) throw new RangeError(`tick ${tick}: an application needs more requests than the batch holds (${this.batch.capacity})`);
        continue;
      }
      await this.resolver.resolve(this.batch, this.rules);
      if (human) {
        for (let i = 0; i < this.batch.length; i++) {
          const decision = human.get(this.batch.firstOrdinal + i);
          if (decision !== undefined) this.rules.settleOwnerDecision(this.batch, i, decision);
        }
      }
      for (let i = 0; i < this.batch.length; i++) {
        this.accumulator.close(this.batch, i, this.rules);
        this.ledger.write(this.batch, i, tick);
      }
      ordinal += this.batch.length;
    }
    this.accumulator.finish();

    // Phases 5–6: the workflow of conditional agreements, accountability, learning and imitation.
    const agreements = advanceAgreements(this.state, this.accumulator, this.rules, this.random, tick);
    learn(this.state, this.accumulator, this.rules, this.world);
    if (this.scenario.behaviour.model === 'imitation') imitate(this.state, this.accumulator, this.rules, this.random, tick);

    // Phase 7: metrics.
    const a = this.accumulator;
    this.window.push([a.crossRequests, a.crossDelivered, a.withinRequests, a.withinDelivered, a.detectedLeaks, a.byDecision[0]]);
    if (this.network === null || tick % this.scenario.metrics.networkEvery === 0) {
      this.network = networkMetrics(this.world, this.state, this.scenario.metrics.window, this.random, tick);
    }
    const metrics = tickMetrics(tick, this.world, this.state, a, agreements, this.window, this.network, this.rules, this.humanPlayedShare);
    const { head, records } = this.ledger.closeTick();
    this.digest.addTick(metrics);
    for (let k = 0; k < 3; k++) {
      this.totals.refusals[k] += a.refusals[k];
      this.totals.blocked[k] += a.blocked[k];
    }
    this.totals.exchanges += a.requests;
    this.last = metrics;
    this.state.tick = tick + 1;
    const departments = { points: this.state.points.slice(), perceivedRisk: this.state.perceivedRisk.slice(), penalties: this.state.penalties.slice(), delivered: a.deliveriesByOwner.slice() };
    return { tick, metrics, ledgerHead: head, ledgerRecords: records, communityOf: this.network.communityOf, ties: this.network.ties, notable: a.notable.take(), departments };
  }

  /** Opens the next tick once: applies its changes and binds the rules to its policy view and start-of-tick state. */
  private openNextTick(): void {
    if (this.done) throw new Error(`the run has ended after ${this.ticks} ticks`);
    const tick = this.state.tick;
    if (this.openedTick === tick) return;
    this.openTick(tick);
    this.rules.beginTick(tick, compilePolicyView(this.scenario, this.world), this.state);
    this.openedTick = tick;
  }

  /** The open tick's allowed requests to the given departments, with their ordinals. */
  private listOpenRequests(seats: ReadonlySet<number>): OpenRequest[] {
    this.seatBatch ??= new RequestBatch(this.batch.capacity);
    return listSeatRequests(this.state.tick, seats, this.world, this.rules, createDemand(this.scenario, this.world, this.random), this.seatBatch);
  }

  /** Applies the interventions scheduled for this tick and any pending lever changes. */
  private openTick(tick: number): void {
    // Later changes of the same path win: interventions in file order, then recorded levers, then live levers.
    const changes = new Map<string, unknown>();
    for (const intervention of this.scenario.interventions) if (intervention.at === tick) for (const [path, value] of Object.entries(intervention.set)) changes.set(path, value);
    for (const lever of this.scenario.levers ?? []) if (lever.at === tick) changes.set(lever.path, lever.value);
    for (const [path, value] of this.pending) changes.set(path, value);
    this.pending = new Map();
    if (changes.size === 0) return;
    let next: unknown = this.scenario;
    for (const [path, value] of changes) next = setPath(next, path, value, `tick ${tick} changes`);
    this.scenario = parseScenario(next, `tick ${tick} changes`);
    this.demand = createDemand(this.scenario, this.world, this.random);
    // Services may have changed: rebuild them and the accumulator's map of (service, region) → citizen group.
    // Citizen groups are fixed for the run (the world builder includes those of scheduled interventions).
    (this.world as { services: World['services'] }).services = buildServices(this.scenario, this.world);
    this.accumulator = new TickAccumulator(this.world, this.random);
  }

  /** The run's result; call after the last tick. */
  async finish(): Promise<RunResult> {
    if (!this.last) throw new Error('the run has no ticks');
    await this.resolver.close?.();
    const ledgerHead = this.ledger.head;
    const byCategory = (values: Float64Array) => Object.fromEntries(REFUSAL_CATEGORIES.map((c, k) => [c, values[k]]));
    return {
      digest: this.digest.finish(ledgerHead),
      ledgerHead,
      ticks: this.state.tick,
      seed: this.seed,
      scenarioHash: this.scenarioHash,
      run: this.run,
      final: this.last,
      refusals: byCategory(this.totals.refusals),
      blocked: byCategory(this.totals.blocked),
      exchanges: this.totals.exchanges,
    };
  }
}

/** Runs a whole scenario and returns its result; `onTick` observes each tick as it closes. */
export async function runSimulation(scenario: Scenario, options: SimulationOptions & { onTick?: (result: TickResult) => void } = {}): Promise<RunResult> {
  const simulation = new Simulation(scenario, options);
  while (!simulation.done) {
    const result = await simulation.step();
    options.onTick?.(result);
  }
  return simulation.finish();
}
