// The participants' WebSocket (/ws/seat) against the real orchestrator process over loopback: only a seat token opens
// it; it pushes the seat's requests each tick and acknowledges each decision; another seat's request, a second
// decision, a decision after the round, a malformed or too-large frame are refused with their reason and change
// nothing: the stored decisions are exactly the accepted ones, and the export replays to the live digest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '@silolab/engine';
import { parseScenario } from '@silolab/model';
import { apiClient, callWithToken, waitForRun } from './support/http-api';
import { startOrchestratorProcess, TEST_API_TOKEN, type OrchestratorProcess } from './support/orchestrator-process';
import { openSeatSocket, seatSocketRefusal, type SeatSocket } from './support/seat-socket';

describe('the seat WebSocket', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'silolab-workshop-ws-'));
  let orchestrator: OrchestratorProcess;
  const sockets: SeatSocket[] = [];

  beforeAll(async () => {
    orchestrator = await startOrchestratorProcess(dataDir);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await orchestrator?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens only with a seat token, pushes each tick, acknowledges each decision, and refuses what a seat may not do without changing the run', async () => {
    const api = apiClient(orchestrator.url);
    const wsUrl = (token: string) => `${orchestrator.url.replace(/^http/, 'ws')}/ws/seat?token=${encodeURIComponent(token)}`;
    const code: string = (await api('POST', '/api/sessions', { preset: 'workshop-small', ticks: 5, secondsPerTick: 3 })).body.code;
    const [a, b] = [await callWithToken(orchestrator.url, 'POST', `/api/join/${code}`, null), await callWithToken(orchestrator.url, 'POST', `/api/join/${code}`, null)];

    // A forged token, and a token that is not a seat's (the operator's), are refused at the handshake.
    expect(await seatSocketRefusal(wsUrl('forged-seat-token'))).toBe(401);
    expect(await seatSocketRefusal(wsUrl(TEST_API_TOKEN))).toBe(403);

    const seatA = await openSeatSocket(wsUrl(a.body.token));
    const seatB = await openSeatSocket(wsUrl(b.body.token));
    sockets.push(seatA, seatB);
    expect(seatA.views[0].seat).toEqual(a.body.seat);
    expect((await api('GET', `/api/sessions/${code}`)).body.seats.every((seat: { connected: boolean }) => seat.connected)).toBe(true);

    const runId: string = (await api('POST', `/api/sessions/${code}/rounds`)).body.runIds[0];
    const accepted: string[] = [];
    const refusals: Record<string, number> = {};
    const count = (ack: { accepted: boolean; reason?: string }) => {
      if (!ack.accepted) refusals[ack.reason!] = (refusals[ack.reason!] ?? 0) + 1;
    };
    let frames = 0;
    let repeats = 0;
    // Each tick: B tries A's first request, A sends a too-large frame and a bad reason, then A and B answer their own,
    // and A repeats one answer. Everything but their own first answers is refused.
    const handled = new Set<number>();
    for (;;) {
      const view = await seatA.nextView((v) => v.tick !== null && !handled.has(v.tick), 1500).catch(() => null);
      if (!view) {
        if ((await api('GET', `/api/runs/${runId}`)).body.status !== 'running') break;
        continue;
      }
      const tick = view.tick!;
      handled.add(tick);
      const viewB = await seatB.nextView((v) => v.tick === tick, 1000).catch(() => null);
      const openB = viewB?.requests ?? [];
      for (const [index, request] of view.requests.entries()) {
        if (index === 0) {
          count(await seatB.send({ id: `forge-${tick}`, request: request.id, decision: 'share' }));
          count(await seatA.send({ id: `big-${tick}`, request: request.id, decision: 'share', pad: 'x'.repeat(2000) }));
          count(await seatA.send({ id: `bad-${tick}`, request: request.id, decision: 'refuse', reason: 'bored' }));
        }
        const ack = await seatA.send({ id: `a-${request.id}`, request: request.id, decision: 'refuse', reason: 'afraid' });
        if (!ack.accepted) continue; // the timer ran out meanwhile
        accepted.push(request.id);
        // Repeated while the tick is still open (B's requests, or A's next, keep it open).
        if (index === 0 && (view.requests.length > 1 || openB.length > 0)) {
          count(await seatA.send({ id: `again-${tick}`, request: request.id, decision: 'share' }));
          repeats++;
        }
      }
      if (view.requests.length > 0) frames++;
      for (const request of openB) await seatB.send({ request: request.id, decision: 'share' });
    }
    expect(accepted.length).toBeGreaterThan(0);
    expect(repeats).toBeGreaterThan(0);
    expect(refusals).toEqual({ 'not-your-seat': frames, 'too-large': frames, invalid: frames, 'already-decided': repeats });

    const done = await waitForRun(orchestrator.url, runId, (run) => run.status === 'completed' || run.status === 'failed');
    expect(done.status).toBe('completed');
    // Once the round is over nothing can be decided.
    expect(await seatA.send({ id: 'late', request: accepted[0], decision: 'share' })).toMatchObject({ id: 'late', accepted: false, status: 409, reason: 'too-late' });

    // The stored decisions are exactly A's accepted ones (B's forged ones, repeats and bad frames changed nothing).
    const exported = await api('GET', `/api/sessions/${code}/rounds/0/copies/0/export`);
    const scenario = parseScenario(exported.body.scenario, 'export');
    const seatADecisions = (scenario.decisions ?? []).filter((decision) => decision.seat === a.body.seat.department);
    expect(seatADecisions.map((decision) => decision.request)).toEqual(accepted);
    expect(seatADecisions.every((decision) => decision.decision === 'refuse' && decision.reason === 'afraid')).toBe(true);
    expect((await runSimulation(scenario, { seed: exported.body.seed, ticks: exported.body.ticks })).digest).toBe(done.digest);
  });
});
