// The API's contract as the page sees it: the orchestrator's own types (type-only imports, erased from the bundle),
// so a change to a tick event or a run breaks the page's type check instead of the page.
import type { InputIssue } from '@silolab/model';
import type { AppliedLever, LeverEvent, PresetInfo, RunState, RunView, RunWorld, SeatStatus, StartRunRequest, StatusEvent, TickEvent } from '@silolab/orchestration';

export type { AppliedLever, InputIssue, LeverEvent, PresetInfo, RunState, RunView, RunWorld, StartRunRequest, StatusEvent, TickEvent };
export type { DebriefCopy, DebriefMoment, OwnScore, ReplayedTick, RoundScores, SeatScore, SeatStatus, SessionDebrief } from '@silolab/orchestration';

/** `POST /api/sessions`. */
export interface OpenedSession {
  code: string;
  departments: string[];
  copies: number;
}

/** `GET /api/sessions/:code`: the seats (connected, answered this tick) and the rounds' runs. */
export interface SessionStatus {
  code: string;
  ended: boolean;
  seats: SeatStatus[];
  rounds: Array<{ runIds: string[]; refused: number }>;
}
export type { AuditEvent, EscalationEvent, LeakEvent, NotableEvents } from '@silolab/engine';
export type { ShareType } from '@silolab/model';
export type { WorldDataset, WorldDepartment } from '@silolab/orchestration';

/** A stored tick of `GET /api/runs/:id/metrics`. */
export interface StoredTick {
  runId: string;
  tick: number;
  metrics: Record<string, number>;
}

/** The body of every 4xx answer: a stable code, a message and, for bad input, every bad field by its path. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  code?: string;
  message: string;
  issues?: InputIssue[];
}

/** A frame of the WebSocket stream: `{ event, data }` where `data` is the run event without its `type`. */
export type StreamMessage =
  | { event: 'hello'; data: { run: string | null } }
  | { event: 'tick'; data: Omit<TickEvent, 'type'> }
  | { event: 'lever'; data: Omit<LeverEvent, 'type'> }
  | { event: 'status'; data: Omit<StatusEvent, 'type'> };
