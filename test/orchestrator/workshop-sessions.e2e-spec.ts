// Workshop sessions over the run manager and the one access table: join codes, seat tokens bound to (session, copy,
// department), the same seat on reconnect, answers only for one's own seat, rounds of one run per copy, and a round
// exported as a scenario that replays to its digest. Real run threads and SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '@silolab/engine';
import { parseScenario } from '@silolab/model';
import { ApiAccess, DECISIONS_PER_SEAT_MINUTE, JOIN_CODE_ALPHABET, OrchestrationError, RunManager, WorkshopSessions } from '@silolab/orchestration';
import { openDatabase, type Database } from '@silolab/persistence';

const TICKS = 4;

describe('workshop sessions', () => {
  let folder: string;
  let db: Database;
  let manager: RunManager;
  let access: ApiAccess;
  let sessions: WorkshopSessions;
  let ids = 0;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'silolab-sessions-'));
    db = await openDatabase({ sqlitePath: join(folder, 'silolab.sqlite') });
    manager = new RunManager({ store: db, newId: () => `round-run-${++ids}` });
    access = new ApiAccess({ tokenFree: false, readsNeedToken: false });
    sessions = new WorkshopSessions(manager, access);
  });

  afterAll(async () => {
    await manager.close();
    await db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const waitForEnd = async (runId: string) => {
    for (;;) {
      const view = await manager.get(runId);
      if (view.status === 'completed' || view.status === 'failed') return view;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('seats participants by code and token, takes answers only for their own seat, and replays an exported round', async () => {
    const { code, departments } = await sessions.open({ preset: 'workshop-small', ticks: TICKS, copies: 2, secondsPerTick: 1 });
    expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(departments).toHaveLength(12);

    // Joins fill the copies evenly; every seat is a different department of its copy; a token gives the seat back.
    const a = sessions.join(code, null);
    const b = sessions.join(code, null);
    const c = sessions.join(code.toLowerCase(), null);
    expect([a.seat.copy, b.seat.copy, c.seat.copy]).toEqual([0, 1, 0]);
    expect(c.seat.department).not.toBe(a.seat.department);
    expect(sessions.join(code, a.token)).toEqual(a);
    expect(sessions.join(code, 'forged-token').seat).not.toEqual(a.seat);
    // The seat token is a participant's: it decides a seat, it does not control runs.
    expect(access.decide('seat:decide', a.token)).toMatchObject({ allowed: true, principal: { role: 'participant', seat: a.seat } });
    expect(access.decide('runs:control', a.token)).toMatchObject({ allowed: false, status: 403 });
    expect(access.decide('seat:decide', 'forged-token')).toMatchObject({ allowed: false, status: 401 });
    await expect(sessions.answer(access.principalOf('forged-token'), { request: 'x', decision: 'share' })).rejects.toThrow(OrchestrationError);

    const round = await sessions.startRound(code);
    expect(round.runIds).toHaveLength(2);
    const principalA = access.principalOf(a.token);
    const principalC = access.principalOf(c.token);
    let forged = 0;
    let answered = 0;
    while ((await manager.get(round.runIds[0])).status === 'running') {
      const view = sessions.seatView(principalA);
      expect(view.requests.every((request) => request.seat === a.seat.department)).toBe(true);
      for (const request of view.requests.filter((r) => !view.answered.includes(r.id))) {
        // C (same copy, another seat) tries A's request: refused, recorded, nothing changes.
        expect(await sessions.answer(principalC, { request: request.id, decision: 'share' })).toMatchObject({ status: 403 });
        forged++;
        if ((await sessions.answer(principalA, { request: request.id, decision: 'refuse', reason: 'unwilling' })) === null) answered++;
      }
      await expect(sessions.answer(principalA, { request: 'x', decision: 'refuse', reason: 'bored' })).rejects.toThrow(/reason/);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const done = await waitForEnd(round.runIds[0]);
    expect(done.status).toBe('completed');
    expect(answered).toBeGreaterThan(0);
    expect(forged).toBeGreaterThan(0);

    const status = sessions.status(code);
    expect(status.seats.filter((seat) => seat.connected).map((seat) => seat.department)).toEqual(expect.arrayContaining([a.seat.department, c.seat.department]));
    expect(status.rounds[0].refused).toBeGreaterThanOrEqual(forged);

    const exported = await sessions.exportRound(code, 0, 0);
    const scenario = parseScenario(exported.scenario, 'export');
    expect(scenario.decisions!.length).toBe(answered);
    expect(scenario.decisions!.every((d) => d.seat === a.seat.department)).toBe(true);
    expect((await runSimulation(scenario, { seed: exported.seed, ticks: exported.ticks })).digest).toBe(done.digest);

    // A second round: new runs, the same seats.
    const second = await sessions.startRound(code);
    expect(second.round).toBe(1);
    expect(second.runIds).not.toEqual(round.runIds);
    expect(sessions.seatView(principalA)).toMatchObject({ seat: a.seat, round: 1 });
    expect(sessions.status(code).rounds).toHaveLength(2);
    for (const runId of second.runIds) await waitForEnd(runId);
  });

  it('limits decisions per seat token, not per address: a flooding seat is refused, another seat is not', async () => {
    let now = 0;
    const clocked = new WorkshopSessions(manager, access, () => now);
    const { code } = await clocked.open({ preset: 'workshop-small', ticks: 1 });
    const flooder = access.principalOf(clocked.join(code, null).token);
    const neighbour = access.principalOf(clocked.join(code, null).token);
    const answer = { request: 'no-such-request', decision: 'share' };
    for (let i = 0; i < DECISIONS_PER_SEAT_MINUTE; i++) expect(await clocked.answer(flooder, answer)).toMatchObject({ code: 'not-open' });
    expect(await clocked.answer(flooder, answer)).toMatchObject({ status: 429, code: 'rate-limited' });
    expect(await clocked.answer(neighbour, answer)).toMatchObject({ code: 'not-open' });
    now += 60_000;
    expect(await clocked.answer(flooder, answer)).toMatchObject({ code: 'not-open' });
  });
});
