// A pool of child processes on this machine, each running one sweep job at a time: memory stays bounded by the
// pool size, whatever the number of runs.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RunJob, RunOutcome } from '@silolab/research';
import { childEnvironment } from '@silolab/runner';
import type { RunMeta } from '../run-journal';

/** A run failed in a way that will fail again (an error in the run itself), not because a process died. */
export class RunFailedError extends Error {
  constructor(
    readonly run: number,
    message: string,
  ) {
    super(`run ${run} failed: ${message}`);
  }
}

/** A child process died while running a job: worth retrying elsewhere. */
export class WorkerCrashError extends Error {}

interface Slot {
  child: ChildProcess;
  busy: boolean;
}

interface Waiting {
  job: RunJob;
  resolve: (value: { outcome: RunOutcome; meta: RunMeta }) => void;
  reject: (error: Error) => void;
}

type ChildMessage = { kind: 'outcome'; outcome: RunOutcome; meta: RunMeta } | { kind: 'error'; run: number; message: string; deterministic: boolean };

/** The compiled child entry next to this file (dist/libs/experiments/src/sweep/local/sweep-child.js). */
const CHILD_SCRIPT = join(__dirname, 'sweep-child.js');

/**
 * `size` child processes (forked from the compiled CLI), started lazily. `run` hands a job to a free child, or
 * queues it until one is free. A child that dies fails its job with {@link WorkerCrashError} and is replaced.
 */
export class LocalPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Waiting[] = [];
  private closed = false;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker count must be a positive integer, got ${size}`);
  }

  /** Runs `job` in a child process. */
  run(job: RunJob): Promise<{ outcome: RunOutcome; meta: RunMeta }> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.waiting.shift()!);
    }
  }

  private spawn(): Slot {
    // --expose-gc: the child collects a finished run's garbage before it takes the next, so a worker never holds two
    // runs (V8 collects lazily: without it a 100,000-department run's worker peaked a third higher on its second run).
    const child = fork(CHILD_SCRIPT, [], { env: childEnvironment(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--expose-gc'] });
    const slot: Slot = { child, busy: false };
    // An idle child that dies (killed from outside) just leaves the pool; a busy one fails its job (see start).
    child.once('exit', () => {
      if (!slot.busy && this.slots.includes(slot)) this.slots.splice(this.slots.indexOf(slot), 1);
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, task: Waiting): void {
    slot.busy = true;
    const { child } = slot;
    const finish = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      slot.busy = false;
    };
    const onMessage = (message: ChildMessage) => {
      finish();
      if (message.kind === 'outcome') task.resolve({ outcome: message.outcome, meta: message.meta });
      else task.reject(new RunFailedError(task.job.run, message.message));
      this.dispatch();
    };
    const onExit = (code: number | null, signal: string | null) => {
      finish();
      if (this.slots.includes(slot)) this.slots.splice(this.slots.indexOf(slot), 1);
      task.reject(new WorkerCrashError(`the worker process running run ${task.job.run} exited (${signal ?? `code ${code}`})`));
      if (!this.closed) this.dispatch();
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(task.job);
  }

  /** Kills every child (a run in progress is abandoned) and fails queued jobs. */
  close(): void {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('the worker pool was closed'));
    for (const slot of this.slots) slot.child.kill('SIGKILL');
  }
}
