// A live run with seats, as a workshop drives it: a real run thread and SQLite store; people answer only their own
// seat's requests, once, before the timer; what they may not do is refused, recorded and changes nothing; seats that
// do not answer are decided by the model; and the run exported with its levers and decisions replays to its digest.
import { runSimulation } from '@silolab/engine';
import { parseScenario } from '@silolab/model';
import { SeatDesk, type RunView } from '@silolab/orchestration';
import { useRunManager } from './support/run-manager-fixture';

const TICKS = 5;
const PLAYER = 'health@city';
const ABSENT = 'health@district';

describe('a live run with seats', () => {
  const fixture = useRunManager({ newId: () => 'seated-1' });

  it('takes each seat’s own answers, refuses forged and repeated ones, lets the model decide for the absent seat, and exports a replayable session', async () => {
    const desk = new SeatDesk([PLAYER, ABSENT], 300);
    const run = await fixture.manager.start({ preset: 'workshop-small', ticks: TICKS, ticksPerSecond: 0, storeLedger: true }, { seats: desk });
    const forged: Array<{ status: number } | null> = [];
    const repeated: Array<{ status: number } | null> = [];
    let leverSet = false;
    let view: RunView = run;
    // The player answers every request of theirs (afraid), tries once per tick to answer the absent seat's, and once
    // to answer their own again; the facilitator moves a lever while tick 2 is open.
    while (view.status === 'running') {
      const open = desk.view(PLAYER);
      const unanswered = open.requests.filter((request) => !open.answered.includes(request.id));
      const theirs = desk.view(ABSENT).requests.find((request) => !desk.view(ABSENT).answered.includes(request.id));
      if (theirs) forged.push(await desk.answer(PLAYER, { request: theirs.id, decision: 'share' }));
      if (open.tick === 2 && !leverSet) {
        leverSet = true;
        await fixture.manager.setLever(run.id, { path: 'policies.accountability.liabilityRegime', value: 'attributed' });
      }
      for (const request of unanswered) {
        expect(await desk.answer(PLAYER, { request: request.id, decision: 'refuse', reason: 'afraid' })).toBeNull();
        if (repeated.length < TICKS) repeated.push(await desk.answer(PLAYER, { request: request.id, decision: 'share' }));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      view = await fixture.manager.get(run.id);
    }
    expect(view.status).toBe('completed');
    expect(leverSet).toBe(true);

    // Only the player's decisions are recorded; every forged or repeated answer was refused and recorded.
    expect(desk.decisions.length).toBeGreaterThan(3);
    expect(desk.decisions.every((d) => d.seat === PLAYER && d.decision === 'refuse' && d.reason === 'afraid')).toBe(true);
    expect(forged.length).toBeGreaterThan(0);
    expect(forged.every((refusal) => refusal?.status === 403)).toBe(true);
    expect(repeated.length).toBeGreaterThan(0);
    expect(repeated.every((refusal) => refusal?.status === 409)).toBe(true);
    expect(desk.refused.length).toBe(forged.length + repeated.length);
    expect((await desk.answer(PLAYER, { request: desk.decisions[0].request, decision: 'share' }))?.status).toBe(409);

    // The stored ledger shows the player's refusals; the absent seat's requests were decided by the model.
    const rows = await fixture.manager.ledger(run.id, { limit: 1000 });
    expect(rows.length).toBeLessThan(1000);
    const decided = new Set(desk.decisions.map((d) => d.request));
    expect(rows.filter((r) => decided.has(r.requestId)).every((r) => r.owner === PLAYER && r.decision === 'refused' && r.reason === 'afraid')).toBe(true);
    expect(rows.some((r) => r.owner === ABSENT && r.decision !== 'denied')).toBe(true);

    // The export replays to the live digest (levers and decisions are inputs, the scenario hash is the run's).
    const exported = await fixture.manager.exportRun(run.id);
    expect(exported.digest).toBe(view.digest);
    const scenario = parseScenario(exported.scenario, 'export');
    expect(scenario.levers).toEqual([{ at: 3, path: 'policies.accountability.liabilityRegime', value: 'attributed' }]);
    const replay = await runSimulation(scenario, { seed: exported.seed, ticks: exported.ticks });
    expect(replay.digest).toBe(view.digest);
    expect(replay.scenarioHash).toBe(view.scenarioHash);
    const modelOnly = await runSimulation(parseScenario({ ...exported.scenario, decisions: [] }), { seed: exported.seed, ticks: exported.ticks });
    expect(modelOnly.digest).not.toBe(view.digest);
  });
});
