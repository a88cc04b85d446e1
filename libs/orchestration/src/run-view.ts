// A run as the API shows it: the stored record, plus the live state when this process drives it.
import type { RunRecord } from '@silolab/persistence';
import type { AppliedLever, LiveRun } from './live-run';
import type { RunState } from './run-events';

/** The live part of a run (null for a run this process does not drive: finished, or from an earlier process). */
export interface LiveRunView {
  ticksDone: number;
  ticksPerSecond: number;
  levers: AppliedLever[];
  /** Department ids, in the order of a tick event's `communityOf`. */
  departments: Array<{ id: string; system: string; region: string }>;
}

/** A run: its stored record with the status as this process knows it. */
export interface RunView extends Omit<RunRecord, 'status'> {
  status: RunState;
  live: LiveRunView | null;
}

/** Combines a stored record with the live run (whose in-memory status is the newer one). */
export function runView(record: RunRecord, live: LiveRun | undefined): RunView {
  if (!live) return { ...record, live: null };
  return {
    ...record,
    status: live.status,
    digest: live.digest ?? record.digest,
    error: live.error ?? record.error,
    live: {
      ticksDone: live.ticksDone,
      ticksPerSecond: live.ticksPerSecond,
      levers: [...live.levers],
      departments: live.thread.departments,
    },
  };
}
