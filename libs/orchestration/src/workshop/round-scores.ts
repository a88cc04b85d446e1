// Points and a leaderboard per round: a seat's score is its department's points in the round's run, as the model
// counts them — the points earned for shares (policies.incentives.pointsPerShare) less the penalties paid (leaks
// blamed on it, refusals found by audits) — read from the run's latest tick. Each round is a fresh run, so a round's
// scores start at zero.
import type { TickEvent } from '../run-events';

/** One seat's standing in a round. `rank` is 1 for the best score; equal scores share a rank. */
export interface SeatScore {
  copy: number;
  department: string;
  /** Points earned for shares so far. */
  points: number;
  /** Penalties paid so far. */
  penalties: number;
  /** points − penalties. */
  score: number;
  rank: number;
}

/** A round's leaderboard: every seat of every copy, best first, and each copy's (team's) total. */
export interface RoundScores {
  round: number;
  /** The tick the scores stand at (ticks closed so far), per copy. */
  ticksDone: number[];
  seats: SeatScore[];
  teams: Array<{ copy: number; score: number; rank: number }>;
}

/** A copy of a round as the scores need it: its seats' departments, department ids in tick order, its latest tick. */
export interface ScoredCopy {
  seats: string[];
  departmentIds: readonly string[];
  latest: Pick<TickEvent, 'tick' | 'departments'> | null;
}

const roundTo = (value: number) => Math.round(value * 100) / 100;

/** Standard competition ranks ("1224") of `values`, highest first. */
function ranks(values: readonly number[]): number[] {
  return values.map((value) => 1 + values.filter((other) => other > value).length);
}

/** The leaderboard of round `round` from its copies (index = copy). A copy before its first tick scores zero. */
export function roundScores(round: number, copies: readonly ScoredCopy[]): RoundScores {
  const unranked = copies.flatMap((copy, index) =>
    copy.seats.map((department) => {
      const at = copy.departmentIds.indexOf(department);
      const points = copy.latest && at >= 0 ? copy.latest.departments.points[at] : 0;
      const penalties = copy.latest && at >= 0 ? copy.latest.departments.penalties[at] : 0;
      return { copy: index, department, points: roundTo(points), penalties: roundTo(penalties), score: roundTo(points - penalties) };
    }),
  );
  const seatRanks = ranks(unranked.map((seat) => seat.score));
  const seats = unranked.map((seat, i) => ({ ...seat, rank: seatRanks[i] })).sort((a, b) => a.rank - b.rank || a.copy - b.copy || a.department.localeCompare(b.department));
  const totals = copies.map((_, copy) => roundTo(unranked.filter((seat) => seat.copy === copy).reduce((sum, seat) => sum + seat.score, 0)));
  const teamRanks = ranks(totals);
  return {
    round,
    ticksDone: copies.map((copy) => (copy.latest ? copy.latest.tick + 1 : 0)),
    seats,
    teams: totals.map((score, copy) => ({ copy, score, rank: teamRanks[copy] })),
  };
}
