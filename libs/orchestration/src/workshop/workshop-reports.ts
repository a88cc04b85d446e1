// What a session's rounds add up to: the leaderboard of a round (for the console, the projector and each phone) and
// the debrief (rounds and copies side by side, the timeline, the tick-by-tick replay). Read-only: it reads the
// session's status and its runs through the RunManager, and replays finished rounds once (cached by run).
import type { Principal } from '../access/api-access';
import { OrchestrationError } from '../orchestration.error';
import type { RunManager } from '../run-manager';
import type { RunWorld } from '../run-world';
import { roundScores, type RoundScores, type SeatScore } from './round-scores';
import { debriefCopy, replayRound, type DebriefCopy, type ReplayedTick, type RoundReplay } from './session-debrief';
import type { WorkshopSessions } from './workshop-sessions';

/** A participant's standing: their seat's score and rank among all seats of the round. */
export interface OwnScore {
  round: number | null;
  seats: number;
  score: SeatScore | null;
}

/** The debrief of a session: each round, its copies side by side. */
export interface SessionDebrief {
  code: string;
  rounds: Array<{ round: number; copies: DebriefCopy[] }>;
}

export class WorkshopReports {
  /** Replays of rounds that will not change any more (their run ended), by run id. */
  private readonly finished = new Map<string, Promise<RoundReplay>>();

  constructor(
    private readonly runs: RunManager,
    private readonly sessions: WorkshopSessions,
  ) {}

  /** The leaderboard of `round` (default: the latest) of session `code`. */
  async scores(code: string, round?: number): Promise<RoundScores> {
    const status = this.sessions.status(code);
    const index = round ?? status.rounds.length - 1;
    const runIds = status.rounds[index]?.runIds;
    if (!runIds) throw new OrchestrationError('RUN_NOT_FOUND', `session ${status.code} has no round ${round ?? 0}${status.rounds.length === 0 ? ' yet' : ` (rounds 0..${status.rounds.length - 1})`}`);
    const copies = await Promise.all(
      runIds.map(async (runId, copy) => ({
        seats: status.seats.filter((seat) => seat.copy === copy).map((seat) => seat.department),
        departmentIds: (await this.runs.world(runId)).departments.map((department) => department.id),
        latest: await this.runs.latestTick(runId),
      })),
    );
    return roundScores(index, copies);
  }

  /** A participant's own score and rank in the session's latest round. */
  async ownScore(principal: Principal | null): Promise<OwnScore> {
    const seat = principal?.seat;
    if (!seat) throw new OrchestrationError('INVALID_STATE', 'this needs a seat token (join the session first)');
    const status = this.sessions.status(seat.session);
    if (status.rounds.length === 0) return { round: null, seats: status.seats.length, score: null };
    const scores = await this.scores(seat.session);
    return { round: scores.round, seats: scores.seats.length, score: scores.seats.find((s) => s.copy === seat.copy && s.department === seat.department) ?? null };
  }

  /** Every round of the session, each copy replayed from its export. */
  async debrief(code: string): Promise<SessionDebrief> {
    const status = this.sessions.status(code);
    const rounds = await Promise.all(
      status.rounds.map(async ({ runIds }, round) => ({
        round,
        copies: await Promise.all(
          runIds.map(async (runId, copy) => {
            const [replay, world, run] = await Promise.all([this.replay(runId), this.runs.world(runId), this.runs.get(runId)]);
            return debriefCopy(copy, runId, replay, (run.manifest.overrides as Record<string, unknown> | undefined) ?? {}, ...this.ids(world));
          }),
        ),
      })),
    );
    return { code: status.code, rounds };
  }

  /** The ticks of one copy of one round, as the live stream sent them: what the debrief's replay steps through. */
  async replayTicks(code: string, round: number, copy: number): Promise<{ runId: string; ticks: ReplayedTick[] }> {
    const runId = this.sessions.status(code).rounds[round]?.runIds[copy];
    if (!runId) throw new OrchestrationError('RUN_NOT_FOUND', `session ${code} has no round ${round} copy ${copy}`);
    return { runId, ticks: (await this.replay(runId)).ticks };
  }

  /** A round's replay: cached once its run ended; a running round is replayed as far as it has gone. */
  private async replay(runId: string): Promise<RoundReplay> {
    const cached = this.finished.get(runId);
    if (cached) return cached;
    const { status } = await this.runs.get(runId);
    const replay = this.runs.exportRun(runId).then(replayRound);
    if (status === 'completed' || status === 'failed') {
      this.finished.set(runId, replay);
      replay.catch(() => this.finished.delete(runId));
    }
    return replay;
  }

  private ids(world: RunWorld): [string[], string[]] {
    return [world.departments.map((department) => department.id), world.datasets.map((dataset) => dataset.id)];
  }
}
