// A round's leaderboard: points less penalties per seat, ranked across copies (ties share a rank), team totals.
import { roundScores } from './round-scores';

const latest = (tick: number, points: number[], penalties: number[]) => ({ tick, departments: { points, penalties, perceivedRisk: [], delivered: [] } });

describe('roundScores', () => {
  it('scores each seat as its department’s points less penalties, ranks every seat of every copy, and totals teams', () => {
    const scores = roundScores(1, [
      { seats: ['b', 'a'], departmentIds: ['a', 'b', 'c'], latest: latest(4, [10, 6, 99], [2, 0, 0]) },
      { seats: ['c'], departmentIds: ['a', 'b', 'c'], latest: latest(3, [0, 0, 9], [1, 0, 0]) },
    ]);
    expect(scores.round).toBe(1);
    expect(scores.ticksDone).toEqual([5, 4]);
    // a: 10 − 2 = 8 and c (copy 1): 9 − 0 = 9; b: 6. Department c of copy 0 is nobody's seat: not listed.
    expect(scores.seats.map(({ copy, department, score, rank }) => [copy, department, score, rank])).toEqual([
      [1, 'c', 9, 1],
      [0, 'a', 8, 2],
      [0, 'b', 6, 3],
    ]);
    expect(scores.seats[1]).toMatchObject({ points: 10, penalties: 2 });
    expect(scores.teams).toEqual([
      { copy: 0, score: 14, rank: 1 },
      { copy: 1, score: 9, rank: 2 },
    ]);
  });

  it('gives equal scores the same rank, and a copy before its first tick zero', () => {
    const scores = roundScores(0, [
      { seats: ['a', 'b'], departmentIds: ['a', 'b'], latest: latest(0, [3, 3], [0, 0]) },
      { seats: ['a'], departmentIds: ['a', 'b'], latest: null },
    ]);
    expect(scores.seats.map((seat) => seat.rank)).toEqual([1, 1, 3]);
    expect(scores.seats[2]).toMatchObject({ copy: 1, score: 0 });
    expect(scores.ticksDone).toEqual([1, 0]);
  });
});
