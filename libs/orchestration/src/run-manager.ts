// The run manager: starts runs from presets or inline scenarios, drives them, stores every tick, answers queries and
// fans tick events out to subscribers. No Nest here: the orchestrator app's controllers only call these methods.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { estimateRun, limitIssues, scenarioHash } from '@silolab/engine';
import { MAX_DECISIONS, parseScenario, ScenarioError, type HumanDecision, type Scenario } from '@silolab/model';
import { isLocalOwnerAlive, ORPHANED_RUN_ERROR, type LedgerHeadRecord, type OwnerLiveness, type RunRecord, type SeatDecisionRecord, type TickMetricsRecord } from '@silolab/persistence';
import type { LedgerRecord } from '@silolab/provenance';
import { silolabVersion } from '@silolab/runner';
import { LiveRun, ResumeRefused, type AppliedLever, type ScheduledInput } from './live-run';
import type { SeatDesk } from './workshop/seat-desk';
import { OrchestrationError } from './orchestration.error';
import { RunEventHub, type RunEventListener, type RunState, type TickEvent } from './run-events';
import { DEFAULT_TICKS_PER_SECOND, ledgerQuerySchema, leverChangeSchema, paceChangeSchema, parseRequest, runListQuerySchema, startRunSchema, tickRangeSchema } from './run-request';
import type { RunStore } from './run-store';
import { RunThread } from './run-thread/run-thread';
import type { RunTransport } from './run-thread/run-thread.protocol';
import { runView, type RunView } from './run-view';
import { runWorld, type RunWorld } from './run-world';
import { applyStartOverrides, loadInlineScenario, loadPreset } from './scenario-source';
import { resolveServerLimits, type ServerLimits } from './server-limits';

/** Options of {@link RunManager}; every one but `store` has a default. */
export interface RunManagerOptions {
  store: RunStore;
  /** How each run resolves its exchanges (in its worker thread, or over Redis). Default: in process. */
  transport?: RunTransport;
  /** Runs at once and what each run may take. Default: {@link resolveServerLimits} from the environment. */
  limits?: ServerLimits;
  /** Monotonic milliseconds, for wall time and pace. Default: `performance.now()`. */
  now?: () => number;
  /** New run ids. Default: random UUIDs. */
  newId?: () => string;
  /** Which run owners still live (for crash recovery). Default: a process check on this host. */
  isOwnerAlive?: OwnerLiveness;
}

/** A run as a scenario that replays it (see {@link RunManager.exportRun}). */
export interface RunExport {
  scenario: Record<string, unknown>;
  seed: number;
  ticks: number;
  /** The run's digest once it completed (null before). */
  digest: string | null;
  ticksDone: number;
}

/** Error stored on a paused run whose orchestrator died: its simulation state was in that process's memory. */
export const ORPHANED_PAUSED_RUN_ERROR = 'orchestrator process ended while the run was paused';
/** Start of the error stored on a run its orchestrator died with and a later one could not resume (the reason follows). */
export const UNRESUMABLE_RUN_ERROR = `${ORPHANED_RUN_ERROR} and could not be resumed`;

/** What {@link RunManager.recoverOrphans} did with the runs an earlier process left behind. */
export interface RecoveredRuns {
  /** Running runs taken over: replayed to their last stored tick and running on from there. */
  resumed: RunRecord[];
  /** Runs recorded as failed (paused ones, and running ones that could not be resumed), with why. */
  failed: RunRecord[];
}

/** Error stored on a run still live when its orchestrator shut down. */
export const SHUTDOWN_RUN_ERROR = 'orchestrator shut down while the run was live';

/** Starts, drives and reports runs; one per orchestrator process. */
export class RunManager {
  private readonly live = new Map<string, LiveRun>();
  private readonly events = new RunEventHub();
  private readonly store: RunStore;
  private readonly transport: RunTransport;
  private readonly limits: ServerLimits;
  private readonly now: () => number;
  private readonly newId: () => string;
  /** Runs being built (their thread not yet ready): they count against `maxRuns` too. */
  private starting = 0;
  private closed = false;

  constructor(private readonly options: RunManagerOptions) {
    this.store = options.store;
    this.transport = options.transport ?? { kind: 'inproc' };
    this.limits = options.limits ?? resolveServerLimits();
    this.now = options.now ?? (() => performance.now());
    this.newId = options.newId ?? (() => randomUUID());
  }

  /**
   * Takes over the runs an earlier process left behind; call once before serving. A run that was running resumes
   * from its last stored tick (see {@link resumeOrphan}); one that cannot is recorded as failed, saying why. A paused
   * run is recorded as failed (nobody is waiting to resume it). A run owned by this very pid on this host is from an
   * earlier incarnation (containers restart with the same pid and host name), so it counts as dead.
   */
  async recoverOrphans(): Promise<RecoveredRuns> {
    const baseAlive = this.options.isOwnerAlive ?? isLocalOwnerAlive;
    const me = { pid: process.pid, host: hostname() };
    const isAlive: OwnerLiveness = (pid, host) => !(pid === me.pid && host === me.host && !this.ownsAny()) && baseAlive(pid, host);
    const recovered: RecoveredRuns = { resumed: [], failed: [] };
    const running = await this.store.runs.list({ status: 'running', limit: 1000 });
    for (const run of running.reverse()) {
      if (this.live.has(run.id) || isAlive(run.ownerPid, run.ownerHost)) continue;
      const outcome = await this.resumeOrphan(run);
      if (outcome) recovered[outcome.status === 'failed' ? 'failed' : 'resumed'].push(outcome);
    }
    const failed = recovered.failed;
    const paused = await this.store.runs.list({ status: 'paused', limit: 1000 });
    for (const run of paused) {
      if (this.live.has(run.id) || isAlive(run.ownerPid, run.ownerHost)) continue;
      failed.push(await this.store.runs.markFailed(run.id, ORPHANED_PAUSED_RUN_ERROR));
    }
    return recovered;
  }

  /**
   * Resumes a run whose orchestrator died while it ran: claims it (so of two processes recovering, one does), builds
   * it again from its stored scenario, seed and ticks on this orchestrator's transport, replays the stored ticks with
   * the stored levers — checking each tick's ledger head and metrics against the stored ones — and runs on at its
   * stored pace. Being deterministic, it completes with the digest the undisturbed run would have had. A run that
   * cannot be resumed (no stored scenario, too many runs, a replay that differs from what is stored) is recorded as
   * failed with {@link UNRESUMABLE_RUN_ERROR} and the reason; its stored ticks stay as they are. Returns the run as
   * stored now, or null when another process claimed it first.
   */
  private async resumeOrphan(orphan: RunRecord): Promise<RunRecord | null> {
    const claimed = await this.store.runs.claimOrphan(orphan.id, { pid: orphan.ownerPid, host: orphan.ownerHost });
    if (!claimed) return null;
    let thread: RunThread | undefined;
    try {
      const manifest = claimed.manifest;
      if (manifest.definition === undefined) throw new ResumeRefused('it has no stored scenario to rebuild it from');
      const live = [...this.live.values()].filter((run) => !run.finished).length;
      if (live >= this.limits.maxRuns) throw new ResumeRefused(`${live} runs are live already, the most this orchestrator takes at once (${this.limits.maxRuns})`);
      const scenario = parseScenario(manifest.definition, `run ${claimed.id}`);
      // Runs stored before the manifest said so keep their ledger if they stored rows.
      const keepRecords = manifest.storeLedger === true || (manifest.storeLedger === undefined && (await this.store.ledger.rows(claimed.id, 0, 1)).length > 0);
      const [heads, metrics] = await Promise.all([this.store.ledger.heads(claimed.id), this.store.metrics.list(claimed.id)]);
      const { levers, decisions } = await this.storedInputs(claimed);
      const inputs: ScheduledInput[] = [...levers.map((lever) => ({ kind: 'lever' as const, ...lever })), ...decisions.map((decision) => ({ kind: 'decision' as const, fromTick: decision.tick, decision }))];
      // On the protocol it was started with (the outcome is the same under every protocol; the figures are not).
      const transport: RunTransport = this.transport.kind === 'redis' && typeof manifest.protocol === 'string' ? { ...this.transport, protocol: manifest.protocol } : this.transport;
      thread = await RunThread.start({ scenario, seed: claimed.seed, ticks: claimed.ticks, limits: this.limits.run, keepRecords, transport });
      const ticksPerSecond = typeof manifest.ticksPerSecond === 'number' ? manifest.ticksPerSecond : DEFAULT_TICKS_PER_SECOND;
      const run = new LiveRun(claimed.id, thread, { store: this.store, events: this.events, now: this.now }, { ticksPerSecond, paused: false, storedLedgerLimit: this.limits.run.storedLedgerRecords?.value });
      await run.replay({ heads, metrics, inputs });
      if (run.status === 'failed') throw new ResumeRefused(run.error ?? 'its replay failed');
      this.live.set(run.id, run);
      run.start();
      return await this.store.runs.get(run.id);
    } catch (error) {
      await thread?.close().catch(() => undefined);
      const reason = error instanceof ScenarioError ? error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') : (error as Error).message;
      return this.store.runs.markFailed(claimed.id, `${UNRESUMABLE_RUN_ERROR}: ${reason}; its ${(await this.store.metrics.list(claimed.id)).length} stored ticks are kept`).catch(() => this.store.runs.get(claimed.id));
    }
  }

  /**
   * Validates a start request, checks it against the limits (runs at once, and the run's estimated memory, requests
   * per tick and stored ledger — before anything is allocated), builds the run in its own worker thread, stores it as
   * `running` (or `paused`) and starts its clock.
   */
  async start(body: unknown, options: { seats?: SeatDesk } = {}): Promise<RunView> {
    if (this.closed) throw new OrchestrationError('INVALID_STATE', 'the orchestrator is shutting down');
    const request = parseRequest(startRunSchema, body, 'run request');
    const base = request.preset !== undefined ? loadPreset(request.preset) : loadInlineScenario(request.scenario);
    const scenario = request.set ? applyStartOverrides(base, request.set) : base;
    if (request.storeLedger && scenario.policies.provenance !== 'full') {
      throw OrchestrationError.invalid('run request', [{ path: 'storeLedger', message: `needs policies.provenance: full (the scenario has ${scenario.policies.provenance}); set it with "set": {"policies.provenance": "full"}` }]);
    }
    const transport = await this.transportFor(request.protocol);
    const seed = request.seed ?? scenario.seed;
    const ticks = request.ticks ?? scenario.ticks;
    const estimate = estimateRun(scenario, ticks, { keepsLedger: request.storeLedger });
    const issues = limitIssues(estimate, this.limits.run, { storesLedger: request.storeLedger });
    if (issues.length > 0) throw OrchestrationError.invalid('run request', issues);
    const live = [...this.live.values()].filter((run) => !run.finished).length + this.starting;
    if (live >= this.limits.maxRuns) {
      throw new OrchestrationError('TOO_MANY_RUNS', `${live} runs are live (running or paused), the most this orchestrator takes at once (${this.limits.maxRuns}); stop one, or start silolab serve with a higher --max-runs`);
    }
    this.starting++;
    let thread: RunThread;
    try {
      thread = await RunThread.start({ scenario, seed, ticks, limits: this.limits.run, keepRecords: request.storeLedger === true, transport });
    } catch (error) {
      if (error instanceof ScenarioError) throw OrchestrationError.invalid('run request', error.issues);
      throw new OrchestrationError('UNAVAILABLE', `the run could not be started: ${(error as Error).message}`);
    } finally {
      this.starting--;
    }
    let run: LiveRun;
    try {
      const id = this.newId();
      const ticksPerSecond = request.ticksPerSecond ?? DEFAULT_TICKS_PER_SECOND;
      const hash = scenarioHash(scenario);
      await this.store.runs.create({
        id,
        scenarioName: scenario.name,
        scenarioHash: hash,
        seed,
        ticks,
        transport: this.transport.kind,
        delivery: this.transport.kind === 'redis' ? this.transport.delivery : null,
        manifest: { ...this.manifest(scenario, { hash, seed, ticks }, request.preset ?? null, request.set ?? {}, ticksPerSecond, request.storeLedger === true), protocol: transport.kind === 'redis' ? (transport.protocol ?? 'hub') : null },
      });
      run = new LiveRun(id, thread, { store: this.store, events: this.events, now: this.now }, { ticksPerSecond, paused: false, storedLedgerLimit: this.limits.run.storedLedgerRecords?.value, seats: options.seats, decisionLimit: Math.min(MAX_DECISIONS, estimate.requestsPerTick * ticks) });
    } catch (error) {
      await thread.close().catch(() => undefined);
      throw error;
    }
    this.live.set(run.id, run);
    if (request.paused) await run.pause();
    run.start();
    return this.get(run.id);
  }

  /**
   * A run as a scenario that replays it, read from storage (so it works for a run of an earlier process too): the
   * stored scenario with the lever changes and people's decisions stored as they were made, and the seed and ticks to
   * run it with (`silolab run <file> --seed <s> --ticks <t>` gives the run's digest). The scenario's own keys are left
   * as stored, so the replay has the run's scenario hash.
   */
  async exportRun(id: string): Promise<RunExport> {
    const record = await this.record(id);
    const definition = record.manifest.definition as Record<string, unknown> | undefined;
    if (definition === undefined) throw new OrchestrationError('INVALID_STATE', `run '${id}' has no stored scenario`);
    const { levers, decisions } = await this.storedInputs(record);
    const ticksDone = (await this.store.ledger.heads(id)).length;
    return { scenario: { ...definition, levers: levers.map(({ path, value, fromTick }) => ({ at: fromTick, path, value })), decisions }, seed: record.seed, ticks: record.ticks, digest: record.digest, ticksDone };
  }

  /** A run's stored inputs: its lever changes (in its manifest) and people's decisions, in the order they were made. */
  private async storedInputs(record: RunRecord): Promise<{ levers: AppliedLever[]; decisions: HumanDecision[] }> {
    const levers = Array.isArray(record.manifest.levers) ? (record.manifest.levers as AppliedLever[]) : [];
    const decisions = (await this.store.decisions.list(record.id)).flatMap(humanDecision);
    return { levers, decisions };
  }

  /** The run with this id (live or stored); RUN_NOT_FOUND otherwise. */
  async get(id: string): Promise<RunView> {
    return runView(await this.record(id), this.live.get(id));
  }

  /** Stored runs, newest first, with the live status of those this process drives. */
  async list(query: unknown = {}): Promise<RunView[]> {
    const options = parseRequest(runListQuerySchema, query, 'run list query');
    const records = await this.store.runs.list(options);
    return records.map((record) => runView(record, this.live.get(record.id)));
  }

  async pause(id: string): Promise<RunView> {
    await (await this.liveRun(id)).pause();
    return this.get(id);
  }

  async resume(id: string): Promise<RunView> {
    await (await this.liveRun(id)).resume();
    return this.get(id);
  }

  /** Runs one tick of a paused run. */
  async step(id: string): Promise<TickEvent> {
    return (await this.liveRun(id)).step();
  }

  async stop(id: string): Promise<RunView> {
    await (await this.liveRun(id)).stop();
    return this.get(id);
  }

  /** Validates and applies a lever change (`{ path, value }`) from the next tick on. */
  async setLever(id: string, body: unknown): Promise<AppliedLever> {
    const run = await this.liveRun(id);
    const change = parseRequest(leverChangeSchema, body, 'lever change');
    return run.setLever(change.path, change.value);
  }

  /** Changes the pace of a live run (`{ ticksPerSecond }`, 0 = as fast as possible). */
  async setPace(id: string, body: unknown): Promise<RunView> {
    const run = await this.liveRun(id);
    const { ticksPerSecond } = parseRequest(paceChangeSchema, body, 'pace change');
    if (run.finished) throw new OrchestrationError('INVALID_STATE', `cannot change the pace of run '${id}': it is ${run.status}`);
    run.setPace(ticksPerSecond);
    return this.get(id);
  }

  /** The run's systems, regions, departments and datasets (stored or live runs alike). */
  async world(id: string): Promise<RunWorld> {
    return runWorld(await this.record(id));
  }

  /**
   * The last tick event of a run this process drives (or drove to its end): what a page opened late draws the
   * network from. Null before the first tick, and for a run of an earlier process (tick events are not stored).
   */
  async latestTick(id: string): Promise<TickEvent | null> {
    const event = this.live.get(id)?.lastTick;
    if (event) return event;
    await this.record(id);
    return null;
  }

  /** Stored per-tick metrics of a run, `from`..`to` inclusive. */
  async metrics(id: string, query: unknown = {}): Promise<TickMetricsRecord[]> {
    const range = parseRequest(tickRangeSchema, query, 'metrics query');
    if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
      throw OrchestrationError.invalid('metrics query', [{ path: 'from', message: `must not be after to (${range.to}), got ${range.from}` }]);
    }
    await this.record(id);
    return this.store.metrics.list(id, range.from, range.to);
  }

  /** Stored ledger heads of a run, one per tick. */
  async ledgerHeads(id: string): Promise<LedgerHeadRecord[]> {
    await this.record(id);
    return this.store.ledger.heads(id);
  }

  /** Stored ledger records of a run (started with storeLedger), in chain order from `fromSeq`, at most `limit` (1000). */
  async ledger(id: string, query: unknown = {}): Promise<LedgerRecord[]> {
    const options = parseRequest(ledgerQuerySchema, query, 'ledger query');
    await this.record(id);
    return this.store.ledger.rows(id, options.fromSeq ?? 0, options.limit ?? 1000);
  }

  /** How many runs this process drives, by status (finished ones included until the process ends). */
  liveCounts(): Record<RunState, number> {
    const counts: Record<RunState, number> = { running: 0, paused: 0, completed: 0, failed: 0 };
    for (const run of this.live.values()) counts[run.status]++;
    return counts;
  }

  /** Subscribes to every run's tick and status events; returns the unsubscribe function. */
  subscribe(listener: RunEventListener): () => void {
    return this.events.subscribe(listener);
  }

  /** Waits until the live run has no tick or command in flight (tests, shutdown). */
  async idle(id: string): Promise<void> {
    await this.live.get(id)?.idle();
  }

  /** Stops accepting runs and records every live run as failed (its state cannot outlive this process). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.live.values()].map((run) => run.abandon(SHUTDOWN_RUN_ERROR).catch(() => undefined)));
    // Each run's thread (and the services a redis run started) is shut down before the process goes.
    await Promise.all([...this.live.values()].map((run) => run.idle()));
  }

  private ownsAny(): boolean {
    return [...this.live.values()].some((run) => !run.finished);
  }

  private async liveRun(id: string): Promise<LiveRun> {
    const run = this.live.get(id);
    if (run) return run;
    // A stored run this process does not drive (finished, or from an earlier process) can only be read.
    const record = await this.record(id);
    throw new OrchestrationError('INVALID_STATE', `run '${id}' is ${record.status} and not driven by this orchestrator; it can only be read`);
  }

  private async record(id: string): Promise<RunRecord> {
    const record = await this.store.runs.get(id).catch(() => null);
    if (!record) throw OrchestrationError.notFound(id);
    return record;
  }

  /** The transport of a run that names `protocol` (redis only, a registered protocol), else the server's. */
  private async transportFor(protocol: string | undefined): Promise<RunTransport> {
    if (protocol === undefined) return this.transport;
    if (this.transport.kind !== 'redis') {
      throw OrchestrationError.invalid('run request', [{ path: 'protocol', message: 'exchange protocols are the redis transport\'s; this server runs inproc (start it with silolab serve --transport redis)' }]);
    }
    // Loaded only here: the registry lives with the redis transport's adapters.
    const { protocolNames } = await import('@silolab/exchange');
    if (!protocolNames().includes(protocol)) throw OrchestrationError.invalid('run request', [{ path: 'protocol', message: `expected one of ${protocolNames().join(', ')}, got ${JSON.stringify(protocol)}` }]);
    return { ...this.transport, protocol };
  }

  private manifest(scenario: Scenario, run: { hash: string; seed: number; ticks: number }, preset: string | null, overrides: Record<string, unknown>, ticksPerSecond: number, storeLedger: boolean): Record<string, unknown> {
    return {
      scenario: scenario.name,
      preset,
      scenarioHash: run.hash,
      seed: run.seed,
      ticks: run.ticks,
      version: silolabVersion(),
      node: process.version,
      transport: this.transport.kind,
      delivery: this.transport.kind === 'redis' ? this.transport.delivery : null,
      provenance: scenario.policies.provenance,
      storeLedger,
      overrides,
      ticksPerSecond,
      definition: scenario,
    };
  }
}

/** A stored person's decision as the engine takes it (the model's rows are not inputs: the run decides them again). */
function humanDecision(row: SeatDecisionRecord): HumanDecision[] {
  const base = { tick: row.tick, seat: row.seat, request: row.request };
  if (row.decidedBy !== 'person') return [];
  return [row.decision === 'refuse' ? { ...base, decision: 'refuse', reason: row.reason! } : { ...base, decision: 'share' }];
}
