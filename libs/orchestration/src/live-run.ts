// One run driven by this process: the tick loop at its pace, the commands (pause, resume, step, stop, levers) applied
// between ticks, every tick stored before it is announced.
import type { Simulation } from '@silolab/engine';
import { ScenarioError, unchangeableReason } from '@silolab/model';
import type { LedgerRecord } from '@silolab/provenance';
import { OrchestrationError } from './orchestration.error';
import type { ResolverHandle } from './resolver-factory';
import { tickEvent, type RunEventHub, type RunState, type TickEvent } from './run-events';
import type { RunStore } from './run-store';

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
 * A live run. Every tick and every command runs through one queue, so a command never lands in the middle of a tick:
 * a lever set while tick 7 is running is applied from tick 8, as the API promises. A tick is stored (metrics, ledger
 * head) before subscribers hear of it, so whatever the dashboard shows can be read back after a crash.
 */
export class LiveRun {
  status: RunState;
  ticksPerSecond: number;
  error: string | null = null;
  digest: string | null = null;
  readonly levers: AppliedLever[] = [];
  /** The last tick announced: a page that opens later draws the network from it. */
  lastTick: TickEvent | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private looping = false;
  private wake: (() => void) | null = null;
  private readonly startedAt: number;
  /** The current tick's ledger records, filled by the simulation when the run stores its full ledger. */
  private readonly records: LedgerRecord[] | null;

  constructor(
    readonly id: string,
    readonly simulation: Simulation,
    private readonly handle: ResolverHandle,
    private readonly context: LiveRunContext,
    options: { ticksPerSecond: number; paused: boolean; records?: LedgerRecord[] | null },
  ) {
    this.records = options.records ?? null;
    this.ticksPerSecond = options.ticksPerSecond;
    this.status = options.paused ? 'paused' : 'running';
    this.startedAt = context.now();
  }

  /** Ticks closed so far. */
  get ticksDone(): number {
    return this.simulation.tick;
  }

  get finished(): boolean {
    return this.status === 'completed' || this.status === 'failed';
  }

  /** Starts the tick loop (when running). */
  start(): void {
    if (this.status === 'running') void this.loop();
  }

  pause(): Promise<void> {
    return this.exclusive(async () => {
      this.requireStatus('running', 'pause');
      await this.context.store.runs.markPaused(this.id);
      this.setStatus('paused');
    });
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

  /** Ends the run now: it is stored as failed with the tick it reached (a stopped run has no digest of the whole run). */
  stop(): Promise<void> {
    return this.exclusive(async () => {
      if (this.finished) throw this.stateError('stop');
      await this.fail(`stopped by request after ${this.ticksDone} of ${this.simulation.ticks} ticks`);
    });
  }

  /** Changes a lever from the next tick on. Only the paths a running simulation may change are accepted. */
  setLever(path: string, value: unknown): Promise<AppliedLever> {
    return this.exclusive(async () => {
      if (this.finished) throw this.stateError('change a lever of');
      const unchangeable = unchangeableReason(path);
      if (unchangeable) throw OrchestrationError.invalid('lever change', [{ path: 'path', message: `"${path}" ${unchangeable}` }]);
      try {
        this.simulation.setLever(path, value);
      } catch (error) {
        if (error instanceof ScenarioError) throw OrchestrationError.invalid('lever change', error.issues.map((issue) => ({ path: 'value', message: `${issue.path}: ${issue.message}` })));
        throw OrchestrationError.invalid('lever change', [{ path: 'path', message: (error as Error).message }]);
      }
      const applied = { path, value, fromTick: this.simulation.tick };
      await this.context.store.runs.recordLever(this.id, applied);
      this.levers.push(applied);
      this.context.events.publish({ type: 'lever', runId: this.id, ...applied });
      return applied;
    });
  }

  /** Changes the pace (ticks per second; 0 = as fast as possible), effective from the next wait. */
  setPace(ticksPerSecond: number): void {
    this.ticksPerSecond = ticksPerSecond;
    this.wake?.();
  }

  /** Fails the run if it is still live (the orchestrator is shutting down). */
  abandon(reason: string): Promise<void> {
    return this.exclusive(async () => {
      if (!this.finished) await this.fail(reason);
    });
  }

  /** Resolves when every queued tick and command has finished. */
  idle(): Promise<void> {
    return this.queue.then(
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

  /** One tick: simulate, store, announce; completes the run after its last tick. Any failure fails the run. */
  private async tick(): Promise<TickEvent | null> {
    if (this.finished || this.simulation.done) return null;
    try {
      const result = await this.simulation.step();
      await this.context.store.metrics.appendTicks([{ runId: this.id, tick: result.tick, metrics: result.metrics }]);
      if (this.records) {
        const rows = this.records.splice(0).map(({ run: _run, ...record }) => ({ runId: this.id, ...record }));
        await this.context.store.ledger.appendRows(rows);
      }
      await this.context.store.ledger.appendHeads([{ runId: this.id, tick: result.tick, head: result.ledgerHead, records: result.ledgerRecords }]);
      const event = tickEvent(this.id, this.simulation.ticks, result);
      this.lastTick = event;
      this.context.events.publish(event);
      if (this.simulation.done) await this.complete();
      return event;
    } catch (error) {
      await this.fail(`tick ${this.ticksDone} failed: ${(error as Error).message}`);
      throw error;
    }
  }

  private async complete(): Promise<void> {
    const result = await this.simulation.finish();
    // The last tick may have been stepped while paused; the record completes from running.
    if (this.status === 'paused') await this.context.store.runs.markResumed(this.id);
    await this.context.store.runs.markCompleted(this.id, { digest: result.digest, ledgerHead: result.ledgerHead, wallTimeMs: Math.max(0, this.context.now() - this.startedAt) });
    this.digest = result.digest;
    this.setStatus('completed');
    await this.handle.shutdown().catch(() => undefined);
  }

  private async fail(reason: string): Promise<void> {
    if (this.finished) return;
    this.error = reason;
    this.setStatus('failed');
    try {
      await this.context.store.runs.markFailed(this.id, reason);
    } finally {
      await this.handle.shutdown().catch(() => undefined);
    }
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
