// The workshop over HTTP, against the real orchestrator process: the facilitator's token opens a session and starts
// a round, participants join with the code (no token) and act only with their seat token, a forged or borrowed token
// is refused, an answer for another seat is refused (403) and one given twice too (409), and the round's export
// replays to the digest the orchestrator stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '@silolab/engine';
import { parseScenario } from '@silolab/model';
import { apiClient, callWithToken, waitForRun } from './support/http-api';
import { startOrchestratorProcess, type OrchestratorProcess } from './support/orchestrator-process';

describe('workshop sessions over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'silolab-workshop-http-'));
  let orchestrator: OrchestratorProcess;
  const base = () => orchestrator.url;

  /** A call with the given bearer token (or none). */
  const call = (method: string, path: string, token: string | null, body?: unknown) => callWithToken(base(), method, path, token, body);

  beforeAll(async () => {
    orchestrator = await startOrchestratorProcess(dataDir);
  });

  afterAll(async () => {
    await orchestrator?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a round with seat tokens, refusing what a seat may not do, and exports it replayable', async () => {
    const api = apiClient(orchestrator.url);
    expect((await call('POST', '/api/sessions', null, { preset: 'workshop-small', ticks: 4 })).status).toBe(401);
    const opened = await api('POST', '/api/sessions', { preset: 'workshop-small', ticks: 4, copies: 1, secondsPerTick: 0.4 });
    expect(opened.status).toBe(201);
    const code: string = opened.body.code;

    const a = await call('POST', `/api/join/${code}`, null);
    const b = await call('POST', `/api/join/${code}`, null);
    expect(a.status).toBe(200);
    expect(b.body.seat.department).not.toBe(a.body.seat.department);
    expect((await call('POST', `/api/join/${code}`, a.body.token)).body.seat).toEqual(a.body.seat);
    expect((await call('POST', '/api/join/NOPE42', null)).status).toBe(404);

    // Seat routes: only a seat token; a seat token controls nothing else.
    expect((await call('GET', '/api/seat', 'forged-seat-token')).status).toBe(401);
    expect((await api('GET', '/api/seat')).status).toBe(403);
    expect((await call('POST', '/api/runs', a.body.token, { preset: 'workshop-small' })).status).toBe(403);

    const round = await api('POST', `/api/sessions/${code}/rounds`);
    expect(round.status).toBe(201);
    const runId: string = round.body.runIds[0];
    let decided = 0;
    let borrowed = 0;
    let repeated = 0;
    for (;;) {
      const run = await api('GET', `/api/runs/${runId}`);
      if (run.body.status !== 'running') break;
      const seat = await call('GET', '/api/seat', a.body.token);
      for (const request of seat.body.requests.filter((r: { id: string }) => !seat.body.answered.includes(r.id))) {
        const other = await call('POST', '/api/seat/decisions', b.body.token, { request: request.id, decision: 'share' });
        if (other.status === 403) borrowed++;
        const mine = await call('POST', '/api/seat/decisions', a.body.token, { request: request.id, decision: 'refuse', reason: 'afraid' });
        if (mine.status !== 200) continue; // the timer ran out meanwhile
        decided++;
        if ((await call('POST', '/api/seat/decisions', a.body.token, { request: request.id, decision: 'share' })).status === 409) repeated++;
      }
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(decided).toBeGreaterThan(0);
    expect(borrowed).toBeGreaterThan(0);
    expect(repeated).toBe(decided);
    expect((await call('POST', '/api/seat/decisions', a.body.token, { request: 'x', decision: 'refuse', reason: 'bored' })).status).toBe(400);

    const status = await api('GET', `/api/sessions/${code}`);
    expect(status.body.seats).toHaveLength(2);
    expect(status.body.rounds[0].refused).toBeGreaterThanOrEqual(borrowed + repeated);

    const done = await waitForRun(orchestrator.url, runId, (run) => run.status === 'completed' || run.status === 'failed');
    expect(done.status).toBe('completed');
    const exported = await api('GET', `/api/sessions/${code}/rounds/0/copies/0/export`);
    expect(exported.status).toBe(200);
    const scenario = parseScenario(exported.body.scenario, 'export');
    expect(scenario.decisions).toHaveLength(decided);
    expect((await runSimulation(scenario, { seed: exported.body.seed, ticks: exported.body.ticks })).digest).toBe(done.digest);
  });
});
