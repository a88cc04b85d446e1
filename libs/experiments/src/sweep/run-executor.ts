// The port between a sweep and where its runs execute: local child processes, or sweep-workers behind a BullMQ queue.
import type { RunOutcome } from '@silolab/research';
import type { RunMeta } from './run-journal';

/** Executes runs of one sweep and reports each outcome as it arrives (in any order). */
export interface RunExecutor {
  /** A phrase for the progress line ("2 local worker processes"). */
  describe(): string;
  /** Runs the given run indices (in this start order); resolves when every one has been reported, rejects on a failed run. */
  execute(runs: number[], onOutcome: (outcome: RunOutcome, meta: RunMeta) => void): Promise<void>;
  /** Stops promptly (Ctrl-C): nothing more is reported; work in progress is abandoned or left on the queue. */
  stop(): Promise<void>;
}
