// One conformance suite for the persistence layer, run against every database backend (SQLite and PostgreSQL), as
// BullMQ runs one suite against every storage backend. A backend is a factory of DataSources on one fresh database.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import {
  InitialSchema1795910400000,
  ORPHANED_RUN_ERROR,
  PERSISTENCE_MIGRATIONS,
  isPersistenceError,
  openDatabase,
  type Database,
  type NewRunRecord,
  type OpmonRecordData,
  type PersistenceErrorCode,
  type TickMetricsRecord,
} from '@silolab/persistence';
import { formatLedgerLine, HashChain, verifyLines, type LedgerRecord } from '@silolab/provenance';

/** A fresh, empty database; `createDataSource` returns a new (uninitialised) DataSource on it at every call. */
export interface PersistenceBackend {
  createDataSource(): DataSource;
  /** Removes the database (temp file, schema). */
  dispose(): Promise<void>;
}

const TABLES = ['runs', 'tick_metrics', 'ledger_heads', 'ledger_rows', 'opmon_records', 'opmon_runs'];

const newRun = (id: string, extra: Partial<NewRunRecord> = {}): NewRunRecord => ({
  id,
  scenarioName: 'baseline-silos',
  scenarioHash: 'a'.repeat(64),
  seed: 7,
  ticks: 60,
  transport: 'inproc',
  manifest: { version: '0.1.0', levers: { 'policies.standards.adoption': 0.4 }, tags: ['baseline'] },
  ...extra,
});

const tick = (runId: string, n: number): TickMetricsRecord => ({
  runId,
  tick: n,
  metrics: { sharingRate: n / 100, siloIndex: 1 - n / 100, 'refusals.unwilling': n, leaks: 0 },
});

/** An opmon record of exchange `ordinal` of tick 2 at `party`, with epoch-ms times past 32 bits. */
const opmonRecord = (ordinal: number, party: string, extra: Partial<OpmonRecordData> = {}): OpmonRecordData => ({
  tick: 2,
  ordinal,
  requestId: `t2-a${ordinal}-r1-d4`,
  requester: 'dept-health-01',
  owner: 'dept-civil-02',
  party,
  role: party === 'hub' ? 'hub' : 'owner',
  protocol: 'negotiated',
  delivery: 'message',
  requestInAt: 1_796_515_200_123,
  requestOutAt: 1_796_515_200_125,
  responseInAt: party === 'hub' ? null : 1_796_515_200_190,
  responseOutAt: party === 'hub' ? null : 1_796_515_200_191,
  requestBytes: 812,
  responseBytes: party === 'hub' ? null : 790,
  messages: party === 'hub' ? 1 : 3,
  faultCode: null,
  ...extra,
});

/** A hash-chained ledger of `length` records of the engine run `run`, as the engine writes them. */
function ledger(length: number, run = '8e1f0c2b7a9d-s7'): LedgerRecord[] {
  const chain = new HashChain();
  return Array.from({ length }, (_, seq) =>
    chain.append({
      run,
      tick: Math.floor(seq / 10),
      requestId: `t${Math.floor(seq / 10)}-a${seq}-r1-d2`,
      requester: 'dept-health-01',
      owner: 'dept-civil-02',
      dataset: 'household-register',
      purpose: 'elderly-allowance',
      decision: seq % 3 === 0 ? 'refused' : 'shared',
      reason: seq % 3 === 0 ? 'afraid' : 'ok',
      category: seq % 3 === 0 ? 'afraid' : null,
      transformed: seq % 2 === 0,
      payloadDigest: seq % 3 === 0 ? null : (seq * 2654435761).toString(16),
    }),
  );
}

/** Resolves to the PersistenceError code the promise rejects with, failing the test if it resolves or throws else. */
async function rejectionOf(promise: Promise<unknown>): Promise<{ code: PersistenceErrorCode; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isPersistenceError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to be rejected with a PersistenceError, but it resolved');
}

/** The pid of a process that has exited (spawned and reaped here), so it is certainly not alive. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn a short-lived process');
  return child.pid;
}

/** Registers the conformance suite for one backend. `makeBackend` is called once per test. */
export function describePersistenceConformance(backendName: string, makeBackend: () => Promise<PersistenceBackend>): void {
  describe(`persistence on ${backendName}`, () => {
    let backend: PersistenceBackend;
    let db: Database;
    const opened: Database[] = [];

    const open = async (): Promise<Database> => {
      const database = await openDatabase(backend.createDataSource());
      opened.push(database);
      return database;
    };

    beforeEach(async () => {
      backend = await makeBackend();
      db = await open();
    });

    afterEach(async () => {
      for (const database of opened.splice(0)) await database.close();
      await backend.dispose();
    });

    it('creates every table on an empty database, and running the migrations again changes nothing', async () => {
      const queryRunner = db.dataSource.createQueryRunner();
      try {
        for (const table of TABLES) expect(await queryRunner.hasTable(table)).toBe(true);
      } finally {
        await queryRunner.release();
      }
      const applied = async (source: DataSource) => (await source.query('SELECT name FROM migrations')) as unknown[];
      expect(await applied(db.dataSource)).toHaveLength(PERSISTENCE_MIGRATIONS.length);

      await db.runs.create(newRun('run-kept'));
      expect(await db.dataSource.runMigrations()).toEqual([]);
      const again = await open();
      expect(await again.dataSource.showMigrations()).toBe(false);
      expect(await applied(again.dataSource)).toHaveLength(PERSISTENCE_MIGRATIONS.length);
      expect(await again.runs.get('run-kept')).not.toBeNull();
    });

    it('creates a run that reads back exactly as stored, with status running and this process as owner', async () => {
      const created = await db.runs.create(newRun('run-1', { createdAt: '2026-01-02T03:04:05Z', seed: 2 ** 40 }));
      expect(created).toMatchObject({ status: 'running', ownerPid: process.pid, ownerHost: hostname(), digest: null });
      expect(created.createdAt).toBe('2026-01-02T03:04:05.000Z');
      expect(await db.runs.get('run-1')).toEqual(created);
      expect(await db.runs.get('no-such-run')).toBeNull();
    });

    it('lists runs newest first, page by page, and filters them by status', async () => {
      for (let day = 1; day <= 5; day += 1) {
        await db.runs.create(newRun(`run-${day}`, { createdAt: `2026-03-0${day}T00:00:00Z` }));
      }
      await db.runs.markPaused('run-4');
      const ids = (runs: { id: string }[]) => runs.map((run) => run.id);
      expect(ids(await db.runs.list())).toEqual(['run-5', 'run-4', 'run-3', 'run-2', 'run-1']);
      expect(ids(await db.runs.list({ limit: 2, offset: 2 }))).toEqual(['run-3', 'run-2']);
      expect(ids(await db.runs.list({ status: 'paused' }))).toEqual(['run-4']);
    });

    it('refuses a second run with the same id and keeps the first one unchanged', async () => {
      const first = await db.runs.create(newRun('run-dup'));
      const refused = await rejectionOf(db.runs.create(newRun('run-dup', { seed: 99 })));
      expect(refused.code).toBe('RUN_EXISTS');
      expect(refused.message).toContain('run-dup');
      expect(await db.runs.get('run-dup')).toEqual(first);
    });

    it('completes a running run with its digest, ledger head and wall time, and refuses to change it afterwards', async () => {
      await db.runs.create(newRun('run-done'));
      const done = await db.runs.markCompleted('run-done', { digest: 'd'.repeat(64), ledgerHead: 'h'.repeat(64), wallTimeMs: 1234.5 });
      expect(done).toMatchObject({ status: 'completed', digest: 'd'.repeat(64), ledgerHead: 'h'.repeat(64), wallTimeMs: 1234.5 });
      expect(done.finishedAt).not.toBeNull();
      expect((await rejectionOf(db.runs.markFailed('run-done', 'late failure'))).code).toBe('INVALID_TRANSITION');
      expect(await db.runs.get('run-done')).toEqual(done);
    });

    it('pauses, resumes and fails a run, storing why it failed', async () => {
      await db.runs.create(newRun('run-life'));
      expect((await db.runs.markPaused('run-life')).status).toBe('paused');
      expect((await rejectionOf(db.runs.markCompleted('run-life', { digest: 'd', ledgerHead: null, wallTimeMs: 1 }))).code).toBe(
        'INVALID_TRANSITION',
      );
      expect((await db.runs.markResumed('run-life')).status).toBe('running');
      const failed = await db.runs.markFailed('run-life', 'hub rejected tick 12');
      expect(failed).toMatchObject({ status: 'failed', error: 'hub rejected tick 12' });
    });

    it('names the unknown run id when asked to change a run that does not exist', async () => {
      const refused = await rejectionOf(db.runs.markCompleted('ghost-run', { digest: 'd', ledgerHead: null, wallTimeMs: 1 }));
      expect(refused).toEqual({ code: 'RUN_NOT_FOUND', message: expect.stringContaining("'ghost-run'") });
    });

    it('rejects a run with a bad field before writing anything, naming the field', async () => {
      const refused = await rejectionOf(db.runs.create(newRun('run-bad', { seed: 1.5 })));
      expect(refused.code).toBe('INVALID_RECORD');
      expect(refused.message).toContain("run 'run-bad' seed");
      expect((await rejectionOf(db.runs.create(newRun('run-bad', { scenarioName: 'x'.repeat(256) })))).code).toBe('INVALID_RECORD');
      expect((await rejectionOf(db.runs.create(newRun('run-bad', { manifest: { ratio: Number.NaN } })))).message).toContain(
        'manifest.ratio',
      );
      expect(await db.runs.get('run-bad')).toBeNull();
    });

    it('appends tick metrics and reads them back in tick order, whole or within a tick range', async () => {
      await db.runs.create(newRun('run-m'));
      const ticks = [3, 0, 2, 1, 4].map((n) => tick('run-m', n));
      expect(await db.metrics.appendTicks(ticks)).toEqual({ inserted: 5, skipped: 0 });
      const all = await db.metrics.list('run-m');
      expect(all.map((record) => record.tick)).toEqual([0, 1, 2, 3, 4]);
      expect(all[3]).toEqual(tick('run-m', 3));
      expect((await db.metrics.list('run-m', 1, 3)).map((record) => record.tick)).toEqual([1, 2, 3]);
      expect((await db.metrics.list('run-m', 3)).map((record) => record.tick)).toEqual([3, 4]);
      expect((await db.metrics.list('run-m', undefined, 0)).map((record) => record.tick)).toEqual([0]);
    });

    it('re-appending ticks already stored writes nothing new, and different metrics for a stored tick are refused', async () => {
      await db.runs.create(newRun('run-idem'));
      await db.metrics.appendTicks([tick('run-idem', 0), tick('run-idem', 1)]);
      expect(await db.metrics.appendTicks([tick('run-idem', 1), tick('run-idem', 2), tick('run-idem', 2)])).toEqual({
        inserted: 1,
        skipped: 2,
      });
      const changed = { runId: 'run-idem', tick: 1, metrics: { sharingRate: 0.99 } };
      const refused = await rejectionOf(db.metrics.appendTicks([tick('run-idem', 3), changed]));
      expect(refused.code).toBe('CONFLICTING_RECORD');
      expect(refused.message).toContain("run 'run-idem' tick 1");
      expect((await db.metrics.list('run-idem')).map((record) => record.tick)).toEqual([0, 1, 2]);
      expect((await db.metrics.list('run-idem', 1, 1))[0]).toEqual(tick('run-idem', 1));
    });

    it('rejects a batch with a NaN metric in the middle, naming the key, and keeps earlier ticks while writing none of the batch', async () => {
      await db.runs.create(newRun('run-nan'));
      await db.metrics.appendTicks([tick('run-nan', 0), tick('run-nan', 1)]);
      const poisoned = { runId: 'run-nan', tick: 3, metrics: { sharingRate: 0.5, modularity: Number.NaN } };
      const refused = await rejectionOf(db.metrics.appendTicks([tick('run-nan', 2), poisoned, tick('run-nan', 4)]));
      expect(refused.code).toBe('INVALID_RECORD');
      expect(refused.message).toContain("'modularity'");
      expect(refused.message).toContain('tick 3');
      expect(await db.metrics.list('run-nan')).toEqual([tick('run-nan', 0), tick('run-nan', 1)]);
    });

    it('rejects numbers beyond an integer column on both databases alike, before writing anything', async () => {
      await db.runs.create(newRun('run-range'));
      const tooLate = { runId: 'run-range', tick: 2 ** 31, metrics: { sharingRate: 0.1 } };
      const refused = await rejectionOf(db.metrics.appendTicks([tick('run-range', 0), tooLate]));
      expect(refused.code).toBe('INVALID_RECORD');
      expect(refused.message).toContain('tick');
      expect((await rejectionOf(db.metrics.appendTicks([null as unknown as TickMetricsRecord]))).code).toBe('INVALID_RECORD');
      expect(await db.metrics.list('run-range')).toEqual([]);
    });

    it('refuses metrics for an unknown run, naming it, and writes none of the batch', async () => {
      await db.runs.create(newRun('run-known'));
      const refused = await rejectionOf(db.metrics.appendTicks([tick('run-known', 0), tick('run-unknown', 0)]));
      expect(refused).toEqual({ code: 'RUN_NOT_FOUND', message: expect.stringContaining("'run-unknown'") });
      expect(await db.metrics.list('run-known')).toEqual([]);
    });

    it('stores a run’s opmon records and counts, reads them back in order unchanged, and a second store replaces the first', async () => {
      await db.runs.create(newRun('run-opmon'));
      expect(await db.opmon.get('run-opmon')).toBeNull();
      const records = [opmonRecord(1, 'hub'), opmonRecord(0, 'd3', { faultCode: 'dropped' }), opmonRecord(0, 'hub')];
      await db.opmon.store('run-opmon', { records, exchangesNotKept: 40, messagesNotKept: 7 });
      expect(await db.opmon.get('run-opmon')).toEqual({ records: [records[1], records[2], records[0]], exchangesNotKept: 40, messagesNotKept: 7 });
      await db.opmon.store('run-opmon', { records: [records[0]], exchangesNotKept: 0, messagesNotKept: 0 });
      expect(await db.opmon.get('run-opmon')).toEqual({ records: [records[0]], exchangesNotKept: 0, messagesNotKept: 0 });
    });

    it('refuses opmon records of an unknown run, or with a bad ordinal, naming it, and keeps what the run had', async () => {
      await db.runs.create(newRun('run-opmon'));
      await db.opmon.store('run-opmon', { records: [opmonRecord(0, 'hub')], exchangesNotKept: 0, messagesNotKept: 0 });
      expect(await rejectionOf(db.opmon.store('run-nope', { records: [], exchangesNotKept: 0, messagesNotKept: 0 }))).toEqual({ code: 'RUN_NOT_FOUND', message: expect.stringContaining("'run-nope'") });
      const bad = await rejectionOf(db.opmon.store('run-opmon', { records: [opmonRecord(1, 'hub'), opmonRecord(-1, 'd3')], exchangesNotKept: 0, messagesNotKept: 0 }));
      expect(bad).toEqual({ code: 'INVALID_RECORD', message: expect.stringContaining('opmon record [1]') });
      expect((await db.opmon.get('run-opmon'))!.records).toEqual([opmonRecord(0, 'hub')]);
    });

    it('concurrent writes neither interleave nor undo each other when one of them fails', async () => {
      await db.runs.create(newRun('run-a'));
      await db.runs.create(newRun('run-b'));
      const results = await Promise.allSettled([
        db.metrics.appendTicks([0, 1, 2].map((n) => tick('run-a', n))),
        db.metrics.appendTicks([tick('run-b', 0), tick('run-missing', 0)]),
        db.metrics.appendTicks([0, 1].map((n) => tick('run-b', n + 10))),
        db.runs.markCompleted('run-a', { digest: 'd', ledgerHead: null, wallTimeMs: 5 }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((await db.metrics.list('run-a')).map((record) => record.tick)).toEqual([0, 1, 2]);
      expect((await db.metrics.list('run-b')).map((record) => record.tick)).toEqual([10, 11]);
      expect((await db.runs.get('run-a'))?.status).toBe('completed');
    });

    it('stores ledger heads and rows and reads them back unchanged, page by page in chain order', async () => {
      await db.runs.create(newRun('run-l'));
      const heads = [0, 1, 2].map((n) => ({ runId: 'run-l', tick: n, head: `head-${n}`, records: 10 * n }));
      expect(await db.ledger.appendHeads(heads)).toEqual({ inserted: 3, skipped: 0 });
      expect(await db.ledger.heads('run-l')).toEqual(heads);

      const rows = ledger(1203);
      expect(await db.ledger.appendRows('run-l', rows)).toEqual({ inserted: 1203, skipped: 0 });
      expect(await db.ledger.rows('run-l', 0, 3)).toEqual(rows.slice(0, 3));
      expect(await db.ledger.rows('run-l', 1200, 10)).toEqual(rows.slice(1200));
      const all = [];
      for (let from = 0; ; ) {
        const page = await db.ledger.rows('run-l', from, 500);
        if (page.length === 0) break;
        all.push(...page);
        from = page[page.length - 1].seq + 1;
      }
      expect(all).toEqual(rows);
      // The stored records are the ledger's own: they verify as its ledger.ndjson lines.
      expect(verifyLines(all.map(formatLedgerLine))).toMatchObject({ ok: true, checked: 1203, head: rows[1202].hash });
    });

    it('skips ledger rows already stored, and refuses a different hash for a stored seq without writing the batch', async () => {
      await db.runs.create(newRun('run-lr'));
      const rows = ledger(5);
      await db.ledger.appendRows('run-lr', rows.slice(0, 3));
      expect(await db.ledger.appendRows('run-lr', rows.slice(2, 4))).toEqual({ inserted: 1, skipped: 1 });
      const forged = { ...rows[1], hash: 'f'.repeat(64) };
      const refused = await rejectionOf(db.ledger.appendRows('run-lr', [rows[4], forged]));
      expect(refused.code).toBe('CONFLICTING_RECORD');
      expect(refused.message).toContain('seq 1');
      expect((await db.ledger.rows('run-lr')).map((row) => row.hash)).toEqual(rows.slice(0, 4).map((row) => row.hash));
    });

    it("refuses a ledger record that breaks the ledger's field rules, naming the run, seq and field, and writes none of the batch", async () => {
      await db.runs.create(newRun('run-bad'));
      const [good, second] = ledger(2);
      const refused = await rejectionOf(db.ledger.appendRows('run-bad', [good, { ...second, decision: 'share' as LedgerRecord['decision'] }]));
      expect(refused).toMatchObject({ code: 'INVALID_RECORD' });
      expect(refused.message).toContain("ledger row of run 'run-bad' seq 1 decision: expected one of shared, refused, denied, failed");
      expect(await db.ledger.rows('run-bad')).toEqual([]);
    });

    it("gives ledger rows stored before the ledger_run column their engine run id (the scenario hash's first 12 hex and the seed)", async () => {
      const old = await makeBackend();
      const source = old.createDataSource();
      source.setOptions({ migrations: [InitialSchema1795910400000] });
      try {
        await openDatabase(source);
        const [record] = ledger(1, `${'ab12'.repeat(3)}-s9`);
        await source.query(
          `INSERT INTO runs (id, status, scenario_name, scenario_hash, seed, ticks, transport, created_at, manifest) VALUES ('run-old', 'completed', 'baseline-silos', '${'ab12'.repeat(16)}', 9, 1, 'inproc', '2026-01-01T00:00:00.000Z', '{}')`,
        );
        await source.query(
          `INSERT INTO ledger_rows (run_id, seq, tick, request_id, requester, owner, dataset, purpose, decision, reason, category, transformed, payload_digest, prev_hash, hash) VALUES ('run-old', 0, ${record.tick}, '${record.requestId}', '${record.requester}', '${record.owner}', '${record.dataset}', '${record.purpose}', '${record.decision}', '${record.reason}', '${record.category}', ${record.transformed ? 'true' : 'false'}, NULL, '${record.prevHash}', '${record.hash}')`,
        );
        await source.destroy();
        const migrated = await openDatabase(old.createDataSource());
        try {
          expect(await migrated.ledger.rows('run-old')).toEqual([record]);
        } finally {
          await migrated.close();
        }
      } finally {
        if (source.isInitialized) await source.destroy();
        await old.dispose();
      }
    });

    it('fails a running run whose owner process is dead and leaves a live one running', async () => {
      await db.runs.create(newRun('run-orphan', { ownerPid: deadPid(), ownerHost: hostname() }));
      await db.runs.create(newRun('run-alive'));
      await db.runs.create(newRun('run-elsewhere', { ownerPid: deadPid(), ownerHost: 'another-machine' }));
      await db.runs.create(newRun('run-finished', { ownerPid: deadPid(), ownerHost: hostname() }));
      await db.runs.markCompleted('run-finished', { digest: 'd', ledgerHead: null, wallTimeMs: 1 });

      const failed = await db.runs.failOrphans();
      expect(failed.map((run) => run.id)).toEqual(['run-orphan']);
      expect(await db.runs.get('run-orphan')).toMatchObject({ status: 'failed', error: ORPHANED_RUN_ERROR });
      expect((await db.runs.get('run-alive'))?.status).toBe('running');
      expect((await db.runs.get('run-elsewhere'))?.status).toBe('running');
      expect((await db.runs.get('run-finished'))?.status).toBe('completed');
      expect(await db.runs.failOrphans()).toEqual([]);
    });

    it('keeps a run, its metrics and its ledger when the database is closed and opened again', async () => {
      const run = await db.runs.create(newRun('run-restart'));
      await db.metrics.appendTicks([0, 1, 2].map((n) => tick('run-restart', n)));
      await db.ledger.appendHeads([{ runId: 'run-restart', tick: 0, head: 'head-0', records: 4 }]);
      await db.close();

      const reopened = await open();
      expect(await reopened.runs.get('run-restart')).toEqual(run);
      expect(await reopened.metrics.list('run-restart')).toEqual([0, 1, 2].map((n) => tick('run-restart', n)));
      expect(await reopened.ledger.heads('run-restart')).toHaveLength(1);
    });
  });
}
