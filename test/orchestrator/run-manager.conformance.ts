// One specification of the run manager, run against every database (SQLite and PostgreSQL), as the persistence suite is.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '@silolab/engine';
import { applyOverrides, parseScenario } from '@silolab/model';
import { ORPHANED_PAUSED_RUN_ERROR, OrchestrationError, RunManager, SeatDesk, SHUTDOWN_RUN_ERROR, UNRESUMABLE_RUN_ERROR, type RunEvent } from '@silolab/orchestration';
import { openDatabase, type Database, type OpenDatabaseOptions } from '@silolab/persistence';
import { formatLedgerLine } from '@silolab/provenance';
import { loadScenarioFile } from '@silolab/runner';

/** How a suite gets a fresh, empty database and gets rid of it. */
export type DatabaseFactory = () => Promise<{ options: OpenDatabaseOptions; dispose: () => Promise<void> }>;

const silolab = join(__dirname, '..', '..', 'bin', 'silolab.js');
const workshop = () => loadScenarioFile('workshop-small').scenario;

/** Resolves when `predicate` holds for an event (checked on every event). */
function waitForEvent(manager: RunManager, predicate: (event: RunEvent) => boolean): Promise<RunEvent> {
  return new Promise((resolve) => {
    const unsubscribe = manager.subscribe((event) => {
      if (!predicate(event)) return;
      unsubscribe();
      resolve(event);
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<OrchestrationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof OrchestrationError)) throw new Error(`expected an OrchestrationError, got ${String(error)}`);
  return error;
}

/** The departments people play in the seated runs: one refuses every request to it as afraid, one never answers. */
const PLAYER = 'health@city';
const ABSENT = 'health@district';

export function describeRunManager(name: string, createDatabase: DatabaseFactory): void {
  describe(`RunManager on ${name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let manager: RunManager;
    let ids: number;

    beforeEach(async () => {
      const created = await createDatabase();
      dispose = created.dispose;
      db = await openDatabase(created.options);
      ids = 0;
      manager = new RunManager({ store: db, newId: () => `run-${++ids}` });
    });

    afterEach(async () => {
      await manager.close();
      await db.close();
      await dispose();
    });

    it('stores a run as running, then every tick, then completed with the digest silolab run gives for the same scenario and seed', async () => {
      const completed = waitForEvent(manager, (event) => event.type === 'status' && event.status === 'completed');
      const started = await manager.start({ preset: 'workshop-small', seed: 3, ticks: 6, ticksPerSecond: 0 });
      expect(started).toMatchObject({ id: 'run-1', scenarioName: 'workshop-small', seed: 3, ticks: 6, transport: 'inproc' });
      expect(['running', 'completed']).toContain((await db.runs.get('run-1'))?.status ?? 'missing');
      await completed;

      // The reference run in its own process: the built `silolab run` (npm test builds first).
      const expected = JSON.parse(execFileSync(process.execPath, [silolab, 'run', 'workshop-small', '--seed', '3', '--ticks', '6', '--json'], { encoding: 'utf8' })).manifest;
      const stored = await db.runs.get('run-1');
      expect(stored).toMatchObject({ status: 'completed', digest: expected.digest, ledgerHead: expected.ledgerHead });
      expect((await manager.metrics('run-1')).map((record) => record.tick)).toEqual([0, 1, 2, 3, 4, 5]);
      expect((await manager.ledgerHeads('run-1')).map((head) => head.tick)).toEqual([0, 1, 2, 3, 4, 5]);
      expect((await manager.metrics('run-1', { from: '2', to: '3' })).map((record) => record.tick)).toEqual([2, 3]);
      expect(stored?.manifest).toMatchObject({ preset: 'workshop-small', seed: 3, ticks: 6, ticksPerSecond: 0 });
    });

    it('stores the full ledger when asked, record for record as silolab run writes it, and refuses it without a full ledger', async () => {
      const completed = waitForEvent(manager, (event) => event.type === 'status' && event.status === 'completed');
      await manager.start({ preset: 'workshop-small', seed: 4, ticks: 3, ticksPerSecond: 0, storeLedger: true });
      await completed;
      const out = mkdtempSync(join(tmpdir(), 'silolab-ledger-'));
      execFileSync(process.execPath, [silolab, 'run', 'workshop-small', '--seed', '4', '--ticks', '3', '--out', out, '--no-progress']);
      const written = readFileSync(join(out, 'ledger.ndjson'), 'utf8').trim().split('\n');
      const stored = await manager.ledger('run-1', { limit: '10000' });
      expect(stored.map(formatLedgerLine)).toEqual(written);
      expect((await manager.ledger('run-1', { fromSeq: '5', limit: '2' })).map((row) => row.seq)).toEqual([5, 6]);
      expect((await rejection(manager.ledger('run-1', { limit: '0' }))).message).toContain('limit');

      const digestOnly = await rejection(manager.start({ preset: 'national-scale', ticks: 1, storeLedger: true }));
      expect(digestOnly.code).toBe('INVALID_INPUT');
      expect(digestOnly.message).toContain('storeLedger');
    });

    it('tells subscribers of every tick in order, with a community for every department, before the run completes', async () => {
      const events: RunEvent[] = [];
      manager.subscribe((event) => events.push(event));
      const completed = waitForEvent(manager, (event) => event.type === 'status' && event.status === 'completed');
      await manager.start({ preset: 'workshop-small', ticks: 4, ticksPerSecond: 0 });
      await completed;
      const ticks = events.filter((event) => event.type === 'tick');
      expect(ticks.map((event) => event.tick)).toEqual([0, 1, 2, 3]);
      for (const event of ticks) {
        expect(event.communityOf).toHaveLength(12);
        expect(typeof event.metrics.sharingRate).toBe('number');
      }
      expect(events[events.length - 1]).toMatchObject({ type: 'status', status: 'completed', tick: 4 });
    });

    it('holds a paused run still, steps it one tick at a time and finishes it when resumed', async () => {
      const run = await manager.start({ preset: 'workshop-small', ticks: 5, paused: true });
      expect(run.status).toBe('paused');
      expect((await db.runs.get(run.id))?.status).toBe('paused');
      expect(await manager.step(run.id)).toMatchObject({ type: 'tick', tick: 0 });
      expect(await manager.step(run.id)).toMatchObject({ type: 'tick', tick: 1 });
      expect((await manager.get(run.id)).live?.ticksDone).toBe(2);
      expect((await manager.metrics(run.id)).length).toBe(2);

      const completed = waitForEvent(manager, (event) => event.type === 'status' && event.status === 'completed');
      await manager.setPace(run.id, { ticksPerSecond: 0 });
      expect((await manager.resume(run.id)).status).toBe('running');
      await completed;
      expect((await db.runs.get(run.id))?.status).toBe('completed');
      expect((await rejection(manager.step(run.id))).code).toBe('INVALID_STATE');
    });

    it('completes a run whose last tick is stepped while paused', async () => {
      const run = await manager.start({ preset: 'workshop-small', ticks: 1, paused: true });
      await manager.step(run.id);
      expect(await db.runs.get(run.id)).toMatchObject({ status: 'completed' });
      expect((await manager.get(run.id)).digest).toMatch(/^[0-9a-f]{64}$/);
    });

    it('applies a lever from the next tick exactly as an intervention scheduled at that tick would', async () => {
      const lever = { path: 'policies.standards.adoption', value: 0.9 };
      const run = await manager.start({ preset: 'workshop-small', ticks: 5, paused: true });
      await manager.step(run.id);
      await manager.step(run.id);
      expect(await manager.setLever(run.id, lever)).toEqual({ ...lever, fromTick: 2 });
      for (let tick = 2; tick < 5; tick++) await manager.step(run.id);

      const withIntervention = applyOverrides(workshop(), { interventions: [{ at: 2, set: { [lever.path]: lever.value } }] });
      const expected: Array<Record<string, number>> = [];
      await runSimulation(withIntervention, { ticks: 5, onTick: (tick) => expected.push(tick.metrics) });
      const untouched: Array<Record<string, number>> = [];
      await runSimulation(workshop(), { ticks: 5, onTick: (tick) => untouched.push(tick.metrics) });

      const stored = (await manager.metrics(run.id)).map((record) => record.metrics);
      expect(stored).toEqual(expected);
      expect(stored).not.toEqual(untouched);
      expect((await manager.get(run.id)).live?.levers).toEqual([{ ...lever, fromTick: 2 }]);
      // Stored with the run, so the record alone reproduces it.
      expect((await db.runs.get(run.id))?.manifest.levers).toEqual([{ ...lever, fromTick: 2 }]);
    });

    it('refuses a lever on a path a running simulation cannot change, or with a bad value, naming the field', async () => {
      const run = await manager.start({ preset: 'workshop-small', ticks: 3, paused: true });
      const fixed = await rejection(manager.setLever(run.id, { path: 'population.systems', value: ['a'] }));
      expect(fixed).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'path' }] });
      const outOfRange = await rejection(manager.setLever(run.id, { path: 'policies.standards.adoption', value: 7 }));
      expect(outOfRange.code).toBe('INVALID_INPUT');
      expect(outOfRange.issues[0]).toMatchObject({ path: 'value', message: expect.stringContaining('policies.standards.adoption') });
      const missing = await rejection(manager.setLever(run.id, { path: 'policies.standards.adoption' }));
      expect(missing.issues.map((issue) => issue.path)).toContain('value');
      expect((await manager.get(run.id)).live?.levers).toEqual([]);
      expect((await db.runs.get(run.id))?.manifest.levers).toBeUndefined();
    });

    it('rejects bad start requests with every field path and stores nothing', async () => {
      const cases: Array<[unknown, string]> = [
        [{ preset: 'no-such-preset' }, 'preset'],
        [{ preset: '../package' }, 'preset'],
        [{}, 'preset'],
        [{ preset: 'workshop-small', scenario: 'name: x' }, 'preset'],
        [{ preset: 'workshop-small', speed: 3 }, 'speed'],
        [{ preset: 'workshop-small', ticks: 0 }, 'ticks'],
        [{ preset: 'workshop-small', ticksPerSecond: -1 }, 'ticksPerSecond'],
        [{ scenario: 'name: [unclosed' }, 'scenario (line'],
        [{ scenario: { extends: 'workshop-small.yaml', policies: { standards: { adoption: 2 } } } }, 'scenario.policies.standards.adoption'],
        [{ scenario: 'extends: /etc/passwd' }, 'scenario.extends'],
        [{ preset: 'workshop-small', set: { 'policies.standards.adoption': -1 } }, 'set.policies.standards.adoption'],
        // An exchange protocol is the redis transport's: this manager runs inproc; and a name must be a name.
        [{ preset: 'workshop-small', protocol: 'direct' }, 'protocol'],
        [{ preset: 'workshop-small', protocol: '../hub' }, 'protocol'],
      ];
      for (const [body, path] of cases) {
        const error = await rejection(manager.start(body));
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.issues.some((issue) => issue.path.startsWith(path))).toBe(true);
      }
      // A known field, refused for what it asks: this server has no exchange protocols to choose from.
      const protocol = await rejection(manager.start({ preset: 'workshop-small', protocol: 'direct' }));
      expect(protocol.issues).toEqual([{ path: 'protocol', message: expect.stringContaining('the redis transport') }]);
      expect(await db.runs.list()).toEqual([]);
    });

    it('starts a run from an inline YAML scenario extending a preset', async () => {
      const run = await manager.start({ scenario: 'extends: workshop-small.yaml\nname: inline-workshop\nticks: 2\n', ticksPerSecond: 0 });
      expect(run).toMatchObject({ scenarioName: 'inline-workshop', ticks: 2 });
    });

    it('stops a run: stored as failed with the tick it reached, its metrics kept', async () => {
      const run = await manager.start({ preset: 'workshop-small', ticks: 10, paused: true });
      await manager.step(run.id);
      const stopped = await manager.stop(run.id);
      expect(stopped).toMatchObject({ status: 'failed', error: 'stopped by request after 1 of 10 ticks' });
      expect(await db.runs.get(run.id)).toMatchObject({ status: 'failed', error: 'stopped by request after 1 of 10 ticks' });
      expect(await manager.metrics(run.id)).toHaveLength(1);
      expect((await rejection(manager.stop(run.id))).code).toBe('INVALID_STATE');
      expect((await rejection(manager.resume(run.id))).code).toBe('INVALID_STATE');
    });

    it('answers RUN_NOT_FOUND for an unknown run and INVALID_STATE for a stored run it does not drive', async () => {
      for (const call of [manager.get('nope'), manager.metrics('nope'), manager.ledgerHeads('nope'), manager.pause('nope'), manager.setLever('nope', { path: 'x', value: 1 })]) {
        expect((await rejection(call)).code).toBe('RUN_NOT_FOUND');
      }
      await db.runs.create({ id: 'stored', scenarioName: 's', scenarioHash: 'h', seed: 1, ticks: 3, transport: 'inproc', ownerPid: null });
      expect((await rejection(manager.pause('stored'))).code).toBe('INVALID_STATE');
      expect(await manager.get('stored')).toMatchObject({ id: 'stored', status: 'running', live: null });
      expect((await rejection(manager.metrics('stored', { from: '3', to: '1' }))).issues[0].path).toBe('from');
      expect((await rejection(manager.metrics('stored', { from: 'x' }))).issues[0].path).toBe('from');
    });

    describe('resuming a run whose orchestrator died', () => {
      const lever = { path: 'policies.standards.adoption', value: 0.9 };
      /** A finished reference run (with a lever from tick 2, and its ledger stored), and what its first `ticks` ticks stored. */
      const reference = async (ticks: number) => {
        const run = await manager.start({ preset: 'workshop-small', seed: 5, ticks: 6, paused: true, storeLedger: true, set: { 'policies.provenance': 'full' } });
        await manager.step(run.id);
        await manager.step(run.id);
        await manager.setLever(run.id, lever);
        for (let tick = 2; tick < 6; tick++) await manager.step(run.id);
        const record = (await db.runs.get(run.id))!;
        const heads = (await db.ledger.heads(run.id)).slice(0, ticks);
        const metrics = (await db.metrics.list(run.id)).slice(0, ticks);
        const rows = (await db.ledger.rows(run.id, 0, 10_000)).filter((row) => row.tick < ticks);
        return { record, heads, metrics, rows };
      };
      /** Stores what an orchestrator killed after `heads.length` ticks leaves behind: a running run of a dead owner. */
      const orphan = async (id: string, ref: Awaited<ReturnType<typeof reference>>, heads = ref.heads) => {
        const { record } = ref;
        await db.runs.create({ id, scenarioName: record.scenarioName, scenarioHash: record.scenarioHash, seed: record.seed, ticks: record.ticks, transport: 'inproc', manifest: record.manifest, ownerPid: 999_999, ownerHost: 'gone-host' });
        await db.metrics.appendTicks(ref.metrics.map((tick) => ({ ...tick, runId: id })));
        await db.ledger.appendRows(id, ref.rows);
        await db.ledger.appendHeads(heads.map((head) => ({ ...head, runId: id })));
      };
      let recovering: RunManager | undefined;
      afterEach(async () => recovering?.close());

      /** A finished seated run: a person refuses every request to PLAYER (afraid) as soon as it is open; ABSENT times out. */
      const seatedReference = async () => {
        const desk = new SeatDesk([PLAYER, ABSENT], 500);
        const completed = waitForEvent(manager, (event) => event.type === 'status' && event.status !== 'running');
        const run = await manager.start({ preset: 'workshop-small', seed: 5, ticks: 6, ticksPerSecond: 0 }, { seats: desk });
        let done = false;
        void completed.then(() => (done = true));
        while (!done) {
          const view = desk.view(PLAYER);
          for (const request of view.requests.filter((r) => !view.answered.includes(r.id))) expect(await desk.answer(PLAYER, { request: request.id, decision: 'refuse', reason: 'afraid' })).toBeNull();
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        expect(await completed).toMatchObject({ status: 'completed' });
        return { record: (await db.runs.get(run.id))!, desk };
      };

      it('stores each seat decision with the run as it is made, and the model’s where nobody answered; the export reads them back in another process', async () => {
        const { record, desk } = await seatedReference();
        const stored = await db.decisions.list(record.id);
        const people = stored.filter((row) => row.decidedBy === 'person');
        expect(people.length).toBeGreaterThan(3);
        expect(people.map(({ tick, seat, request, reason }) => ({ tick, seat, request, decision: 'refuse', reason }))).toEqual(desk.decisions);
        expect(new Set(stored.map((row) => row.request)).size).toBe(stored.length);
        const model = stored.filter((row) => row.decidedBy === 'model');
        expect(model.length).toBeGreaterThan(0);
        expect(model.every((row) => row.seat === ABSENT && row.decision === null && row.reason === null)).toBe(true);

        // Another orchestrator on the same database (this one's run is gone from memory) exports it; the CLI replays it.
        recovering = new RunManager({ store: db });
        const exported = await recovering.exportRun(record.id);
        expect(exported).toMatchObject({ digest: record.digest, ticksDone: 6, seed: 5, ticks: 6 });
        const file = join(mkdtempSync(join(tmpdir(), 'silolab-export-')), 'session.yaml');
        writeFileSync(file, JSON.stringify(exported.scenario));
        const replay = JSON.parse(execFileSync(process.execPath, [silolab, 'run', file, '--seed', '5', '--ticks', '6', '--json'], { encoding: 'utf8' })).manifest;
        expect(replay.digest).toBe(record.digest);
        const modelOnly = await runSimulation(parseScenario({ ...exported.scenario, decisions: [] }), { seed: 5, ticks: 6 });
        expect(modelOnly.digest).not.toBe(record.digest);
      });

      it('refuses to store a second decision on a request, or more decisions than the run has requests, storing nothing of the batch', async () => {
        await db.runs.create({ id: 'bounded', scenarioName: 's', scenarioHash: 'h', seed: 1, ticks: 3, transport: 'inproc' });
        const decision = (request: string) => ({ tick: 0, seat: PLAYER, request, decidedBy: 'person' as const, decision: 'share' as const, reason: null });
        await db.decisions.append('bounded', [decision('r1')], 2);
        await expect(db.decisions.append('bounded', [decision('r2'), decision('r1')], 3)).rejects.toMatchObject({ code: 'CONFLICTING_RECORD' });
        await expect(db.decisions.append('bounded', [decision('r2'), decision('r3')], 2)).rejects.toMatchObject({ code: 'INVALID_RECORD', message: expect.stringContaining("exceed the run's 2 requests") });
        await expect(db.decisions.append('bounded', [{ ...decision('r2'), decision: 'refuse' }], 3)).rejects.toMatchObject({ code: 'INVALID_RECORD', message: expect.stringContaining('reason') });
        expect((await db.decisions.list('bounded')).map((row) => row.request)).toEqual(['r1']);
      });

      it('resumes a seated run by replaying the decisions stored before its orchestrator died, to the digest of its export', async () => {
        const { record } = await seatedReference();
        const killedAfter = 3;
        const decisions = (await db.decisions.list(record.id)).filter((row) => row.tick < killedAfter);
        expect(decisions.some((row) => row.decidedBy === 'person')).toBe(true);
        await db.runs.create({ id: 'seated-orphan', scenarioName: record.scenarioName, scenarioHash: record.scenarioHash, seed: record.seed, ticks: record.ticks, transport: 'inproc', manifest: record.manifest, ownerPid: 999_999, ownerHost: 'gone-host' });
        await db.metrics.appendTicks((await db.metrics.list(record.id)).filter((tick) => tick.tick < killedAfter).map((tick) => ({ ...tick, runId: 'seated-orphan' })));
        await db.ledger.appendHeads((await db.ledger.heads(record.id)).filter((head) => head.tick < killedAfter).map((head) => ({ ...head, runId: 'seated-orphan' })));
        await db.decisions.append('seated-orphan', decisions.map(({ runId: _, ...row }) => row), 1000);

        recovering = new RunManager({ store: db, isOwnerAlive: (_pid, host) => host !== 'gone-host' });
        const completed = waitForEvent(recovering, (event) => event.type === 'status' && event.runId === 'seated-orphan' && event.status !== 'running');
        expect((await recovering.recoverOrphans()).resumed.map((run) => run.id)).toEqual(['seated-orphan']);
        expect(await completed).toMatchObject({ status: 'completed' });
        // Nobody sits at the resumed run (sessions live in the dead process): the model decides from tick 3 on, so its
        // digest is that of the stored decisions replayed, and its first three ticks are the live run's.
        const resumed = (await db.runs.get('seated-orphan'))!;
        const exported = await recovering.exportRun('seated-orphan');
        expect(exported.scenario.decisions).toEqual(decisions.filter((row) => row.decidedBy === 'person').map(({ tick, seat, request, reason }) => ({ tick, seat, request, decision: 'refuse', reason })));
        expect(resumed.digest).toBe((await runSimulation(parseScenario(exported.scenario), { seed: 5, ticks: 6 })).digest);
        expect((await db.ledger.heads('seated-orphan')).slice(0, killedAfter)).toEqual((await db.ledger.heads(record.id)).slice(0, killedAfter).map((head) => ({ ...head, runId: 'seated-orphan' })));
      });

      it('replays the stored ticks with the stored lever and completes with the digest of the undisturbed run', async () => {
        const ref = await reference(4);
        expect(ref.record).toMatchObject({ status: 'completed', manifest: { levers: [{ ...lever, fromTick: 2 }], storeLedger: true } });
        await orphan('orphan', ref);
        recovering = new RunManager({ store: db, isOwnerAlive: (_pid, host) => host !== 'gone-host' });
        const completed = waitForEvent(recovering, (event) => event.type === 'status' && event.runId === 'orphan' && event.status === 'completed');
        const recovered = await recovering.recoverOrphans();
        expect(recovered.resumed.map((run) => run.id)).toEqual(['orphan']);
        expect(recovered.resumed[0]).toMatchObject({ status: 'running', ownerPid: process.pid, ownerHost: hostname() });
        await completed;
        expect(await db.runs.get('orphan')).toMatchObject({ status: 'completed', digest: ref.record.digest, ledgerHead: ref.record.ledgerHead });
        expect(await db.ledger.heads('orphan')).toEqual((await db.ledger.heads(ref.record.id)).map((head) => ({ ...head, runId: 'orphan' })));
        expect(await db.ledger.rows('orphan', 0, 10_000)).toEqual(await db.ledger.rows(ref.record.id, 0, 10_000));
        expect((await recovering.get('orphan')).live?.levers).toEqual([{ ...lever, fromTick: 2 }]);
      });

      it('refuses a run whose replay does not give its stored ledger head, recording why and keeping its ticks', async () => {
        const ref = await reference(3);
        await orphan('tampered', ref, ref.heads.map((head) => (head.tick === 1 ? { ...head, head: 'f'.repeat(64) } : head)));
        recovering = new RunManager({ store: db, isOwnerAlive: (_pid, host) => host !== 'gone-host' });
        const recovered = await recovering.recoverOrphans();
        expect(recovered.resumed).toEqual([]);
        expect(recovered.failed.map((run) => run.id)).toEqual(['tampered']);
        const stored = await db.runs.get('tampered');
        expect(stored?.status).toBe('failed');
        expect(stored?.error).toBe(`${UNRESUMABLE_RUN_ERROR}: replaying tick 1 gave ledger head ${ref.heads[1].head} (${ref.heads[1].records} records), but ${'f'.repeat(64)} (${ref.heads[1].records} records) is stored; its 3 stored ticks are kept`);
        expect((await db.metrics.list('tampered')).map((record) => record.tick)).toEqual([0, 1, 2]);
        expect(await db.ledger.rows('tampered', 0, 10_000)).toHaveLength(ref.rows.length);
      });
    });

    it('records runs left paused by a dead orchestrator as failed, and running ones it cannot rebuild, keeping their metrics', async () => {
      const base = { scenarioName: 's', scenarioHash: 'h', seed: 1, ticks: 3, transport: 'inproc' };
      await db.runs.create({ ...base, id: 'dead-running', ownerPid: 999_999, ownerHost: 'gone-host' });
      await db.metrics.appendTicks([{ runId: 'dead-running', tick: 0, metrics: { sharingRate: 0.5 } }]);
      await db.runs.create({ ...base, id: 'dead-paused', ownerPid: 999_999, ownerHost: 'gone-host' });
      await db.runs.markPaused('dead-paused');
      await db.runs.create({ ...base, id: 'same-pid-earlier', ownerPid: process.pid, ownerHost: hostname() });
      await db.runs.create({ ...base, id: 'alive-elsewhere', ownerPid: 1, ownerHost: 'other-host' });

      const recovering = new RunManager({ store: db, isOwnerAlive: (_pid, host) => host !== 'gone-host' });
      const { resumed, failed } = await recovering.recoverOrphans();
      expect(resumed).toEqual([]);
      expect(failed.map((run) => run.id).sort()).toEqual(['dead-paused', 'dead-running', 'same-pid-earlier']);
      expect(await db.runs.get('dead-running')).toMatchObject({ status: 'failed', error: `${UNRESUMABLE_RUN_ERROR}: it has no stored scenario to rebuild it from; its 1 stored ticks are kept` });
      expect(await db.runs.get('dead-paused')).toMatchObject({ status: 'failed', error: ORPHANED_PAUSED_RUN_ERROR });
      expect((await db.runs.get('alive-elsewhere'))?.status).toBe('running');
      expect(await db.metrics.list('dead-running')).toEqual([{ runId: 'dead-running', tick: 0, metrics: { sharingRate: 0.5 } }]);
    });

    it('records its live runs as failed when it closes, and then accepts no new run', async () => {
      const run = await manager.start({ preset: 'workshop-small', ticks: 50, paused: true });
      await manager.close();
      expect(await db.runs.get(run.id)).toMatchObject({ status: 'failed', error: SHUTDOWN_RUN_ERROR });
      expect((await rejection(manager.start({ preset: 'workshop-small' }))).code).toBe('INVALID_STATE');
    });
  });
}
