// The run manager's side of a run's worker thread: starts it, sends it commands, and turns its answers (and its
// death) into values and errors.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunResult, SeatRequest } from '@silolab/engine';
import { ScenarioError, type HumanDecision } from '@silolab/model';
import type { StoredOpmon } from '@silolab/persistence';
import { projectRoot } from '@silolab/runner';
import type { CommandBody, DepartmentInfo, ReadyMessage, Reply, RunThreadSpec, SerializedError, ThreadTick } from './run-thread.protocol';

/** How long a shutting-down run's thread gets to stop its services before it is terminated. */
const SHUTDOWN_GRACE_MS = 15_000;
/** Heap a run's thread may use beyond its memory limit before V8 stops it (the limit covers the run's own structures). */
const HEAP_MARGIN_MB = 256;

/** The compiled worker: next to this file in dist/, or (run from sources, as Jest does) the built one. */
function workerScript(): string {
  const beside = join(__dirname, 'run-worker.js');
  const script = existsSync(beside) ? beside : join(projectRoot(), 'dist', 'libs', 'orchestration', 'src', 'run-thread', 'run-worker.js');
  if (!existsSync(script)) throw new Error(`live runs execute in a worker thread: ${script} is missing (run npm run build)`);
  return script;
}

const revive = (error: SerializedError): Error => (error.name === 'ScenarioError' && error.source !== undefined ? new ScenarioError(error.source, error.issues ?? []) : Object.assign(new Error(error.message), { name: error.name }));

/** A live run's simulation in its own worker thread. */
export class RunThread {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private exitError: Error | null = null;
  private ended = false;
  /** Set once the thread has stopped what the run started; otherwise its exit stops those processes from here. */
  private servicesStopped = false;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    readonly departments: DepartmentInfo[],
    readonly ticks: number,
    private readonly childPids: number[],
    /** A redis run has services to stop; an in-process one has nothing to lose and is simply terminated. */
    private readonly graceful: boolean,
  ) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(revive(reply.error));
    });
    worker.on('error', (error) => (this.exitError ??= error));
    worker.once('exit', (code) => {
      this.ended = true;
      const error = (this.exitError ??= new Error(`the run's worker thread exited (code ${code})`));
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
      // Services a redis run started are this process's children; a thread that died cannot stop them.
      if (!this.servicesStopped) for (const pid of this.childPids) killQuietly(pid);
    });
  }

  /** Starts a thread and resolves once the run is built (a ScenarioError if the scenario is refused there). */
  static start(spec: RunThreadSpec): Promise<RunThread> {
    const memoryMb = Number.isFinite(spec.limits.memoryBytes.value) ? Math.ceil(spec.limits.memoryBytes.value / 2 ** 20) + HEAP_MARGIN_MB : undefined;
    const worker = new Worker(workerScript(), { workerData: spec, resourceLimits: memoryMb ? { maxOldGenerationSizeMb: memoryMb } : undefined, stdout: false, stderr: false });
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the run's worker thread exited (code ${code}) before the run was built`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (message: ReadyMessage) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        if (message.kind === 'ready') resolve(new RunThread(worker, message.departments, message.ticks, message.childPids, spec.transport.kind === 'redis'));
        else {
          reject(revive(message.error));
          void worker.terminate();
        }
      });
    });
  }

  /** Runs the next tick, with people's decisions for seated departments (a ScenarioError if one does not fit). */
  step(decisions: HumanDecision[] = []): Promise<ThreadTick> {
    return this.send({ kind: 'step', decisions }) as Promise<ThreadTick>;
  }

  /** The next tick's allowed requests to the seated departments; opens the tick (see Simulation.requestsFor). */
  requests(seats: string[]): Promise<SeatRequest[]> {
    return this.send({ kind: 'requests', seats }) as Promise<SeatRequest[]>;
  }

  /** Changes a lever; resolves with the tick it applies from (a ScenarioError when the change is invalid). */
  async setLever(path: string, value: unknown): Promise<number> {
    return ((await this.send({ kind: 'lever', path, value })) as { fromTick: number }).fromTick;
  }

  /** The run's result, after its last tick. */
  finish(): Promise<RunResult> {
    return this.send({ kind: 'finish' }) as Promise<RunResult>;
  }

  /**
   * Stops what the run started (services) and ends the thread; terminates it if it does not end in time. Resolves with
   * the run's opmon records when its transport collected them (redis), else null.
   */
  async close(): Promise<StoredOpmon | null> {
    if (this.ended) return null;
    let opmon: StoredOpmon | null = null;
    if (this.graceful) {
      const timer = setTimeout(() => void this.worker.terminate(), SHUTDOWN_GRACE_MS);
      this.servicesStopped = await this.send({ kind: 'shutdown' }).then(
        (value) => ((opmon = value as StoredOpmon | null), true),
        () => false,
      );
      clearTimeout(timer);
    }
    await this.worker.terminate();
    await this.exited;
    return opmon;
  }

  private send(command: CommandBody): Promise<unknown> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...command, id });
    });
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
