// What a run's worker thread and the run manager's thread say to each other (plain structured-clone data).
import type { RunLimits, RunResult, SeatRequest, TickResult } from '@silolab/engine';
import type { HumanDecision, InputIssue, Scenario } from '@silolab/model';
import type { StoredOpmon } from '@silolab/persistence';
import type { LedgerRecord } from '@silolab/provenance';

/** How a run resolves its exchanges: in the worker itself, or through department services over Redis. */
export type RunTransport = { kind: 'inproc' } | { kind: 'redis'; delivery: 'message' | 'tick'; redisUrl?: string; departmentProcesses?: number; protocol?: string };

/** The worker's `workerData`: everything it needs to build the run. */
export interface RunThreadSpec {
  scenario: Scenario;
  seed?: number;
  ticks?: number;
  limits: RunLimits;
  /** Send each tick's ledger records with the tick (for `storeLedger`). */
  keepRecords: boolean;
  transport: RunTransport;
}

/** A department as the run view lists it (in the order of a tick's `communityOf`). */
export interface DepartmentInfo {
  id: string;
  system: string;
  region: string;
}

/** Sent once the run is built (or could not be). */
export type ReadyMessage =
  | { kind: 'ready'; departments: DepartmentInfo[]; ticks: number; childPids: number[] }
  | { kind: 'failed'; error: SerializedError };

/** One closed tick, as the worker sends it (`communityOf` is transferred, not copied), with its ledger records when kept. */
export interface ThreadTick extends TickResult {
  records: LedgerRecord[] | null;
}

/** What the run manager asks of the thread. */
export type CommandBody =
  | { kind: 'step'; decisions: HumanDecision[] }
  | { kind: 'requests'; seats: string[] }
  | { kind: 'lever'; path: string; value: unknown }
  | { kind: 'finish' }
  | { kind: 'shutdown' };

/** A command, answered by a {@link Reply} with the same id. */
export type Command = CommandBody & { id: number };

export type Reply = { id: number; ok: true; value: ThreadTick | SeatRequest[] | { fromTick: number } | RunResult | StoredOpmon | null } | { id: number; ok: false; error: SerializedError };

/** An error crossing the thread boundary; a ScenarioError keeps its source and issues. */
export interface SerializedError {
  name: string;
  message: string;
  source?: string;
  issues?: InputIssue[];
}
