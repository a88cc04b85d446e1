// What a session's rounds add up to, over real run threads and SQLite: the leaderboard is each seat's department's
// points less penalties in its round's run, ranked; the debrief replays every round from its export to the live
// digest and the stored metrics, shows a reform round beside the status quo, and ending a session stops its round
// and closes it to joins and rounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiAccess, RunManager, WorkshopReports, WorkshopSessions } from '@silolab/orchestration';
import { openDatabase, type Database } from '@silolab/persistence';

const TICKS = 4;
// Every department of both copies has a player.
const SEATS = 24;

describe('workshop scores and debrief', () => {
  let folder: string;
  let db: Database;
  let manager: RunManager;
  let access: ApiAccess;
  let sessions: WorkshopSessions;
  let reports: WorkshopReports;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'silolab-reports-'));
    db = await openDatabase({ sqlitePath: join(folder, 'silolab.sqlite') });
    manager = new RunManager({ store: db });
    access = new ApiAccess({ tokenFree: false, readsNeedToken: false });
    sessions = new WorkshopSessions(manager, access);
    reports = new WorkshopReports(manager, sessions);
  });

  afterAll(async () => {
    await manager.close();
    await db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const waitForEnd = async (runIds: string[]) => {
    for (const runId of runIds) {
      while (!['completed', 'failed'].includes((await manager.get(runId)).status)) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('ranks seats by their department’s points less penalties, and a participant sees their own rank', async () => {
    const { code } = await sessions.open({ preset: 'workshop-small', ticks: TICKS, copies: 2, secondsPerTick: 0.1 });
    const joined = Array.from({ length: SEATS }, () => sessions.join(code, null));
    // workshop-small pays no points for sharing (the status quo); this round pays 0.5 per share (the incentives
    // lever) and audits every refusal (3 for each found unjustified), so scores have both parts.
    const { runIds } = await sessions.startRound(code, { set: { 'policies.incentives.pointsPerShare': 0.5, 'policies.accountability.auditRate': 1, 'policies.accountability.refusalPenalty': 3 } });
    await waitForEnd(runIds);

    const scores = await reports.scores(code);
    expect(scores.round).toBe(0);
    expect(scores.ticksDone).toEqual([TICKS, TICKS]);
    expect(scores.seats).toHaveLength(SEATS);
    // Each score is what the run's last tick says of that department.
    for (const seat of scores.seats) {
      const runId = runIds[seat.copy];
      const at = (await manager.world(runId)).departments.findIndex((department) => department.id === seat.department);
      const last = (await manager.latestTick(runId))!;
      expect(seat.points).toBeCloseTo(last.departments.points[at], 2);
      expect(seat.penalties).toBeCloseTo(last.departments.penalties[at], 2);
      expect(seat.score).toBeCloseTo(seat.points - seat.penalties, 2);
    }
    expect(scores.seats.some((seat) => seat.points > 0)).toBe(true);
    expect(scores.seats.some((seat) => seat.penalties > 0)).toBe(true);
    const ordered = scores.seats.map((seat) => seat.score);
    expect(ordered).toEqual([...ordered].sort((a, b) => b - a));
    expect(scores.seats.map((seat) => seat.rank)).toEqual(ordered.map((score) => 1 + ordered.filter((other) => other > score).length));

    const someone = joined[17];
    const own = await reports.ownScore(access.principalOf(someone.token));
    expect(own.score).toEqual(scores.seats.find((seat) => seat.copy === someone.seat.copy && seat.department === someone.seat.department));
    expect(own.seats).toBe(SEATS);
  });

  it('shows a reform round beside the status quo, each replayed to its live digest and stored metrics, then ends the session', async () => {
    const { code } = await sessions.open({ preset: 'workshop-small', ticks: TICKS, secondsPerTick: 0.1 });
    sessions.join(code, null);
    const first = await sessions.startRound(code);
    // A lever moved during round 1: the replay must apply it where the live run did to reach the live digest.
    const lever = await manager.setLever(first.runIds[0], { path: 'policies.catalogue.coverage', value: 0.2 });
    expect(lever.fromTick).toBeLessThan(TICKS);
    await waitForEnd(first.runIds);
    const second = await sessions.startRound(code, { set: { 'policies.standards.adoption': 1 } });
    await waitForEnd(second.runIds);

    const debrief = await reports.debrief(code);
    expect(debrief.rounds.map((round) => round.copies.map((copy) => copy.runId))).toEqual([first.runIds, second.runIds]);
    for (const { copies } of debrief.rounds) {
      const [copy] = copies;
      expect(copy.ticksDone).toBe(TICKS);
      expect(copy.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(copy.replayDigest).toBe(copy.digest);
      const stored = await manager.metrics(copy.runId);
      expect(copy.series.map((row) => row.metrics.sharingRate)).toEqual(stored.map((row) => row.metrics.sharingRate));
      expect(copy.series.map((row) => row.metrics['refusals.unable'])).toEqual(stored.map((row) => row.metrics['refusals.unable']));
    }
    const [statusQuo, reform] = debrief.rounds.map((round) => round.copies[0]);
    // Full standards adoption removes "unable" (不会): the rounds differ where the reform acts.
    expect(statusQuo.totals.refusals.unable).toBeGreaterThan(0);
    expect(reform.totals.refusals.unable).toBe(0);
    expect(reform.timeline[0]).toEqual({ kind: 'reform', tick: 0, path: 'policies.standards.adoption', value: 1 });
    expect(statusQuo.timeline.some((moment) => moment.kind === 'reform')).toBe(false);
    expect(statusQuo.timeline).toContainEqual({ kind: 'lever', tick: lever.fromTick, path: 'policies.catalogue.coverage', value: 0.2 });
    // The replay's ticks are the stored ones, network included: what the debrief steps through.
    const replay = await reports.replayTicks(code, 1, 0);
    expect(replay.ticks.map((tick) => tick.tick)).toEqual([0, 1, 2, 3]);
    expect(replay.ticks.at(-1)!.communityOf).toEqual((await manager.latestTick(reform.runId))!.communityOf);

    // A round starts with lever values only: the population (and so the seats) is the session's.
    await expect(sessions.startRound(code, { set: { 'population.systems': ['a'] } })).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [expect.objectContaining({ path: 'set.population.systems' })] });

    // Ending: a round that is running stops, nobody new joins, no round starts.
    const third = await sessions.startRound(code);
    await sessions.end(code);
    expect(['completed', 'failed']).toContain((await manager.get(third.runIds[0])).status);
    expect(() => sessions.join(code, null)).toThrow(/has ended/);
    await expect(sessions.startRound(code)).rejects.toThrow(/has ended/);
    expect(sessions.status(code).ended).toBe(true);
  });
});
