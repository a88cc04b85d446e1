// One run driven by this process: its simulation in a worker thread, the tick loop at its pace, the commands (pause,
// resume, step, stop, levers) applied between ticks, every tick stored before it is announced.
import { ScenarioError, unchangeableReason, type HumanDecision } from '@silolab/model';
import { tickMetricsMapper, type LedgerHeadRecord, type TickMetricsRecord } from '@silolab/persistence';
import { OrchestrationError } from './orchestration.error';
import { tickEvent, type RunEventHub, type RunState, type TickEvent } from './run-events';
import type { RunStore } from './run-store';
import type { RunThread } from './run-thread/run-thread';
import type { SeatDesk } from './workshop/seat-desk';

/** A lever change as applied: from which tick it takes effect. */
export interface AppliedLever {
  path: string;
  value: unknown;
  fromTick: number;
}

/** What a live run needs from its manager. */
export interface LiveRunContext {
  store: RunStore;
  events: RunEventHub;
  /** Monotonic milliseconds (wall time of the run and the pace). */
  now: () => number;
}

/**
 * What a resumed run replays: the ticks its earlier orchestrator stored, to be checked tick by tick, and the inputs
 * that changed the run while it was live, re-applied from the tick each took effect: lever changes, and the decisions
 * people took for seated departments.
 */
export interface StoredRun {
  /** The stored ledger heads, ticks 0..n-1 without a gap: the ticks to replay. */
  heads: LedgerHeadRecord[];
  /** The stored metrics of (at least) those ticks. */
  metrics: TickMetricsRecord[];
  /** The run's inputs in the order they were applied. */
  inputs: ScheduledInput[];
}

/** An input applied to a run from a tick on: a stored lever change, or a person's decision on a request of that tick. */
export type ScheduledInput = ({ kind: 'lever' } & AppliedLever) | { kind: 'decision'; fromTick: number; decision: HumanDecision };

/** Why a run could not be resumed: its replay does not give what was stored. */
export class ResumeRefused extends Error {
  override name = 'ResumeRefused';
}

/** Ledger rows stored per write: a tick of a stored ledger is written in slices, yielding to the event loop between. */
const LEDGER_ROWS_PER_WRITE = 2000;

/**
 * A live run. Ticks and the commands that must fall between ticks (resume, step) run through one queue; the
 * simulation runs in its own thread, so while a tick is computed this process keeps answering. Pause and stop act at
 * once: a paused run finishes (and stores) the tick in progress and takes no other; a stopped one ends its thread.
 * A lever goes to the thread at once and applies from the next tick it opens — the answer says which. A tick is
 * stored (metrics, ledger head, stored ledger rows) before subscribers hear of it, so whatever the dashboard shows can
 * be read back after a crash.
 */
export class LiveRun {
  status: RunState;
  ticksPerSecond: number;
  error: string | null = null;
  digest: string | null = null;
  ticksDone = 0;
  readonly levers: AppliedLever[] = [];
  /** People deciding for seated departments (workshop), asked before every tick; null: the model decides everything. */
  readonly seats: SeatDesk | null;
  /** The last tick announced: a page that opens later draws the network from it. */
  lastTick: TickEvent | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private leverQueue: Promise<unknown> = Promise.resolve();
  private looping = false;
  private wake: (() => void) | null = null;
  private readonly startedAt: number;
  private readonly storedLedgerLimit: number;
  private storedRecords = 0;
  /** Stored inputs of a resumed run not yet given to the thread, by the tick they apply from. */
  private readonly scheduled: ScheduledInput[] = [];
  /** The thread's shutdown once the run has ended (not awaited by the command that ended it: stop answers at once). */
  private closing: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly thread: RunThread,
    private readonly context: LiveRunContext,
    options: { ticksPerSecond: number; paused: boolean; storedLedgerLimit?: number; seats?: SeatDesk; decisionLimit?: number },
  ) {
    this.seats = options.seats ?? null;
    // Decisions are stored with the run as they are taken, at most one per request the run can have.
    const decisionLimit = options.decisionLimit ?? Number.MAX_SAFE_INTEGER;
    this.seats?.recordWith((decisions) => context.store.decisions.append(id, decisions, decisionLimit));
    this.ticksPerSecond = options.ticksPerSecond;
    this.status = options.paused ? 'paused' : 'running';
    this.startedAt = context.now();
    this.storedLedgerLimit = options.storedLedgerLimit ?? Number.POSITIVE_INFINITY;
  }

  get ticks(): number {
    return this.thread.ticks;
  }

  get finished(): boolean {
    return this.status === 'completed' || this.status === 'failed';
  }

  /**
   * Brings a resumed run's new thread to where its earlier orchestrator stopped: re-applies the stored inputs at
   * their ticks and replays the stored ticks, checking each one's ledger head (and record count) and metrics against
   * the stored ones; nothing is stored or announced again. Throws {@link ResumeRefused} at the first difference.
   * A run whose last tick was stored but not its completion completes here.
   */
  replay(stored: StoredRun): Promise<void> {
    return this.exclusive(async () => {
      this.scheduled.push(...[...stored.inputs].sort((a, b) => a.fromTick - b.fromTick));
      this.levers.push(...stored.inputs.flatMap((input) => (input.kind === 'lever' ? [{ path: input.path, value: input.value, fromTick: input.fromTick }] : [])));
      const metricsText = new Map(stored.metrics.map((record) => [record.tick, tickMetricsMapper.toPersistence(record).metrics]));
      for (const [index, head] of stored.heads.entries()) {
        if (head.tick !== index) throw new ResumeRefused(`the stored ledger heads skip tick ${index} (the next stored is tick ${head.tick})`);
        const result = await this.thread.step(await this.applyScheduled());
        if (result.ledgerHead !== head.head || result.ledgerRecords !== head.records) {
          throw new ResumeRefused(`replaying tick ${head.tick} gave ledger head ${result.ledgerHead} (${result.ledgerRecords} records), but ${head.head} (${head.records} records) is stored`);
        }
        const metrics = tickMetricsMapper.toPersistence({ runId: this.id, tick: result.tick, metrics: result.metrics }).metrics;
        if (metricsText.get(result.tick) !== metrics) throw new ResumeRefused(`replaying tick ${result.tick} gave other metrics than the stored ones`);
        if (result.records) this.storedRecords += result.records.length;
        this.ticksDone = result.tick + 1;
        this.lastTick = tickEvent(this.id, this.ticks, result);
      }
      if (this.ticksDone >= this.ticks) await this.complete();
    });
  }

  /** Starts the tick loop (when running). */
  start(): void {
    if (this.status === 'running') void this.loop();
  }

  /** Stops the clock now: the tick in progress (if any) completes and is stored; no other starts. */
  async pause(): Promise<void> {
    this.requireStatus('running', 'pause');
    this.setStatus('paused');
    await this.context.store.runs.markPaused(this.id);
  }

  resume(): Promise<void> {
    return this.exclusive(async () => {
      this.requireStatus('paused', 'resume');
      await this.context.store.runs.markResumed(this.id);
      this.setStatus('running');
      void this.loop();
    });
  }

  /** Runs one tick of a paused run and returns its event. */
  step(): Promise<TickEvent> {
    return this.exclusive(async () => {
      this.requireStatus('paused', 'step');
      const event = await this.tick();
      if (!event) throw new OrchestrationError('INVALID_STATE', `run '${this.id}' has no tick left to step`);
      return event;
    });
  }

  /** Ends the run now, a tick in progress included: stored as failed with the ticks it stored (no whole-run digest). */
  async stop(): Promise<void> {
    if (this.finished) throw this.stateError('stop');
    await this.fail(`stopped by request after ${this.ticksDone} of ${this.ticks} ticks`);
  }

  /** Changes a lever from the next tick the simulation opens. Only the paths a running simulation may change are accepted. */
  setLever(path: string, value: unknown): Promise<AppliedLever> {
    const next = this.leverQueue.then(async () => {
      if (this.finished) throw this.stateError('change a lever of');
      const unchangeable = unchangeableReason(path);
      if (unchangeable) throw OrchestrationError.invalid('lever change', [{ path: 'path', message: `"${path}" ${unchangeable}` }]);
      let fromTick: number;
      try {
        fromTick = await this.thread.setLever(path, value);
      } catch (error) {
        if (error instanceof ScenarioError) throw OrchestrationError.invalid('lever change', error.issues.map((issue) => ({ path: 'value', message: `${issue.path}: ${issue.message}` })));
        if (this.finished) throw this.stateError('change a lever of');
        throw error;
      }
      const applied = { path, value, fromTick };
      await this.context.store.runs.recordLever(this.id, applied);
      this.levers.push(applied);
      this.context.events.publish({ type: 'lever', runId: this.id, ...applied });
      return applied;
    });
    this.leverQueue = next.catch(() => undefined);
    return next;
  }

  /** Changes the pace (ticks per second; 0 = as fast as possible), effective from the next wait. */
  setPace(ticksPerSecond: number): void {
    this.ticksPerSecond = ticksPerSecond;
    this.wake?.();
  }

  /** Fails the run if it is still live (the orchestrator is shutting down). */
  async abandon(reason: string): Promise<void> {
    if (!this.finished) await this.fail(reason);
  }

  /** Resolves when every queued tick and command has finished, and an ended run's thread is shut down. */
  idle(): Promise<void> {
    return Promise.all([this.queue, this.leverQueue, this.closing]).then(
      () => undefined,
      () => undefined,
    );
  }

  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (this.status === 'running') {
        const began = this.context.now();
        await this.exclusive(() => (this.status === 'running' ? this.tick() : Promise.resolve(null))).catch(() => undefined);
        if (this.status !== 'running') break;
        const interval = this.ticksPerSecond > 0 ? 1000 / this.ticksPerSecond : 0;
        await this.sleep(Math.max(0, interval - (this.context.now() - began)));
      }
    } finally {
      this.looping = false;
    }
  }

  /** One tick: simulate (in the thread), store, announce; completes the run after its last tick. Any failure fails the run. */
  private async tick(): Promise<TickEvent | null> {
    if (this.finished || this.ticksDone >= this.ticks) return null;
    try {
      const stored = await this.applyScheduled();
      const seats = this.seats;
      const decisions = seats && seats.departments.length > 0 ? await seats.collect(this.ticksDone, await this.thread.requests(seats.departments)) : stored;
      const began = this.context.now();
      const result = await this.thread.step(decisions);
      const computeMs = this.context.now() - began;
      if (this.finished) throw this.stateError('step');
      await this.context.store.metrics.appendTicks([{ runId: this.id, tick: result.tick, metrics: result.metrics }]);
      if (result.records) await this.storeRecords(result.records);
      await this.context.store.ledger.appendHeads([{ runId: this.id, tick: result.tick, head: result.ledgerHead, records: result.ledgerRecords }]);
      this.ticksDone = result.tick + 1;
      const event = tickEvent(this.id, this.ticks, result, computeMs);
      this.lastTick = event;
      this.context.events.publish(event);
      if (this.ticksDone >= this.ticks) await this.complete();
      return event;
    } catch (error) {
      // A run stopped while its tick was computed ends without it.
      if (this.finished) throw this.stateError('step');
      await this.fail(`tick ${this.ticksDone} failed: ${(error as Error).message}`);
      throw error;
    }
  }

  /**
   * Gives the thread the stored levers due from the tick it opens next (each must apply from the tick it did before),
   * and returns the stored decisions of that tick.
   */
  private async applyScheduled(): Promise<HumanDecision[]> {
    const decisions: HumanDecision[] = [];
    while (this.scheduled.length > 0 && this.scheduled[0].fromTick <= this.ticksDone) {
      const input = this.scheduled.shift()!;
      if (input.kind === 'decision') {
        decisions.push(input.decision);
        continue;
      }
      const fromTick = await this.thread.setLever(input.path, input.value);
      if (fromTick !== input.fromTick) throw new ResumeRefused(`the stored lever ${input.path} applied from tick ${input.fromTick}, its replay from tick ${fromTick}`);
    }
    return decisions;
  }

  /** Stores a tick's ledger rows in slices, giving the event loop a turn between them (SQLite writes block it). */
  private async storeRecords(records: NonNullable<Awaited<ReturnType<RunThread['step']>>['records']>): Promise<void> {
    this.storedRecords += records.length;
    if (this.storedRecords > this.storedLedgerLimit) throw new Error(`the stored ledger would exceed its limit of ${this.storedLedgerLimit} records`);
    for (let start = 0; start < records.length; start += LEDGER_ROWS_PER_WRITE) {
      await this.context.store.ledger.appendRows(this.id, records.slice(start, start + LEDGER_ROWS_PER_WRITE));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async complete(): Promise<void> {
    const result = await this.thread.finish();
    // The last tick may have been stepped while paused; the record completes from running.
    if (this.status === 'paused') await this.context.store.runs.markResumed(this.id);
    await this.context.store.runs.markCompleted(this.id, { digest: result.digest, ledgerHead: result.ledgerHead, wallTimeMs: Math.max(0, this.context.now() - this.startedAt) });
    this.digest = result.digest;
    this.setStatus('completed');
    this.closeThread();
  }

  private async fail(reason: string): Promise<void> {
    if (this.finished) return;
    this.seats?.closeNow();
    this.error = reason;
    this.setStatus('failed');
    this.closeThread();
    await this.context.store.runs.markFailed(this.id, reason);
  }

  /** Ends the thread, then stores the run's opmon records when its transport collected them (redis runs). */
  private closeThread(): void {
    this.closing = this.thread
      .close()
      .then((opmon) => (opmon ? this.context.store.opmon.store(this.id, opmon) : undefined))
      .catch(() => undefined);
  }

  private setStatus(status: RunState): void {
    this.status = status;
    this.wake?.();
    this.context.events.publish({ type: 'status', runId: this.id, status, tick: this.ticksDone, ...(this.digest ? { digest: this.digest } : {}), ...(this.error ? { error: this.error } : {}) });
  }

  private requireStatus(status: RunState, action: string): void {
    if (this.status !== status) throw this.stateError(action);
  }

  private stateError(action: string): OrchestrationError {
    return new OrchestrationError('INVALID_STATE', `cannot ${action} run '${this.id}': it is ${this.status}`);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Waits `ms` (a fresh macrotask even at 0, so HTTP requests are served between ticks); pace and status changes wake it. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
