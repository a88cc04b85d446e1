// End to end: the built orchestrator process over HTTP and WebSocket — every REST route and the stream, one behaviour
// per test, on one process (SQLite in a temporary folder). orchestrator-shutdown.e2e-spec.ts covers the process ending.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLedgerLine, verifyLines, type LedgerRecord } from '@silolab/provenance';
import { apiClient, waitForRun, type ApiResponse } from './support/http-api';
import { recordStream, startOrchestratorProcess, type OrchestratorProcess, type StreamRecorder } from './support/orchestrator-process';

describe('the orchestrator process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'silolab-orchestrator-'));
  let orchestrator: OrchestratorProcess;
  let api: (method: string, path: string, body?: unknown, raw?: string) => Promise<ApiResponse>;
  const streams: StreamRecorder[] = [];
  const stream = async (query = '') => {
    const recorder = await recordStream(`${orchestrator.url.replace(/^http/, 'ws')}/ws${query}`);
    streams.push(recorder);
    return recorder;
  };
  /** Starts a run; resolves with its id. */
  const start = async (body: Record<string, unknown>): Promise<string> => {
    const started = await api('POST', '/api/runs', body);
    expect(started.status).toBe(201);
    return started.body.id;
  };
  const finished = (id: string) => waitForRun(orchestrator.url, id, (run) => run.status === 'completed' || run.status === 'failed');

  beforeAll(async () => {
    orchestrator = await startOrchestratorProcess(dataDir);
    api = apiClient(orchestrator.url);
  });

  afterAll(async () => {
    for (const recorder of streams) recorder.close();
    await orchestrator?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers its health check, lists the presets and publishes its OpenAPI document', async () => {
    expect(await api('GET', '/api/health')).toMatchObject({ status: 200, body: { status: 'ok', info: { database: { status: 'up' } } } });
    expect((await api('GET', '/api/scenarios')).body.map((preset: { name: string }) => preset.name)).toEqual(expect.arrayContaining(['workshop-small', 'baseline-silos']));
    const paths = (await api('GET', '/api/docs-json')).body.paths;
    for (const route of ['/api/runs', '/api/runs/{id}/pause', '/api/runs/{id}/step', '/api/runs/{id}/stop', '/api/runs/{id}/pace', '/api/runs/{id}/levers', '/api/runs/{id}/ledger']) expect(paths[route]).toBeDefined();
  });

  describe('a run at two ticks a second', () => {
    let recorder: StreamRecorder;
    let id: string;
    const ticksOf = () => recorder.messages.filter((message) => message.event === 'tick' && message.data.runId === id);

    beforeAll(async () => {
      recorder = await stream();
      id = await start({ preset: 'workshop-small', ticksPerSecond: 2 });
      await recorder.until(() => ticksOf().length >= 3);
    });

    it('is running and streams its ticks in order, with metrics and a community for every department', async () => {
      expect((await api('GET', `/api/runs/${id}`)).body).toMatchObject({ status: 'running', scenarioName: 'workshop-small', ticks: 60, live: { ticksPerSecond: 2 } });
      expect(ticksOf().slice(0, 3).map((message) => message.data.tick)).toEqual([0, 1, 2]);
      expect(ticksOf()[0].data).toMatchObject({ ticks: 60, metrics: { sharingRate: expect.any(Number) }, ledgerHead: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(ticksOf()[0].data.communityOf).toHaveLength(12);
    });

    it('serves its stored metrics and ledger heads while it goes on, the same as streamed', async () => {
      const metrics = await api('GET', `/api/runs/${id}/metrics?from=0&to=1`);
      expect(metrics).toMatchObject({ status: 200, body: [{ runId: id, tick: 0 }, { runId: id, tick: 1 }] });
      expect(metrics.body[0].metrics).toEqual(ticksOf()[0].data.metrics);
      const heads = (await api('GET', `/api/runs/${id}/ledger-heads`)).body;
      expect(heads.slice(0, 2)).toEqual([0, 1].map((tick) => ({ runId: id, tick, head: ticksOf()[tick].data.ledgerHead, records: ticksOf()[tick].data.ledgerRecords })));
    });

    it('applies a lever change from the next tick', async () => {
      const applied = await api('POST', `/api/runs/${id}/levers`, { path: 'policies.standards.adoption', value: 0.8 });
      expect(applied).toMatchObject({ status: 200, body: { path: 'policies.standards.adoption', value: 0.8, fromTick: expect.any(Number) } });
      const run = (await api('GET', `/api/runs/${id}`)).body;
      expect(run.live.levers).toEqual([applied.body]);
      expect(applied.body.fromTick).toBeGreaterThanOrEqual(3);
    });

    it('stops on request: failed with the tick it reached, announced on the stream, and no longer controllable', async () => {
      const stopped = await api('POST', `/api/runs/${id}/stop`);
      expect(stopped).toMatchObject({ status: 200, body: { id, status: 'failed', error: expect.stringMatching(/^stopped by request after \d+ of 60 ticks$/) } });
      await recorder.until((messages) => messages.some((message) => message.event === 'status' && message.data.runId === id && message.data.status === 'failed'));
      const frame = recorder.messages.find((message) => message.event === 'status' && message.data.runId === id && message.data.status === 'failed')!;
      expect(frame.data.error).toBe(stopped.body.error);
      expect((await api('GET', `/api/runs/${id}`)).body).toMatchObject({ status: 'failed', error: stopped.body.error, finishedAt: expect.any(String) });
      for (const action of ['stop', 'pause', 'resume', 'step']) expect((await api('POST', `/api/runs/${id}/${action}`)).status).toBe(409);
      expect((await api('POST', `/api/runs/${id}/pace`, { ticksPerSecond: 5 })).body).toMatchObject({ code: 'INVALID_STATE' });
    });
  });

  it('changes the pace of a live run: at 0 ticks a second a slow run finishes at once', async () => {
    // 60 ticks at 0.2 ticks a second would take five minutes.
    const id = await start({ preset: 'workshop-small', ticksPerSecond: 0.2 });
    const changed = await api('POST', `/api/runs/${id}/pace`, { ticksPerSecond: 0 });
    expect(changed).toMatchObject({ status: 200, body: { id, live: { ticksPerSecond: 0 } } });
    expect(await waitForRun(orchestrator.url, id, (run) => run.status === 'completed', 60_000)).toMatchObject({ status: 'completed', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const tooFast = await api('POST', `/api/runs/${id}/pace`, { ticksPerSecond: 5000 });
    expect(tooFast).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', issues: [{ path: 'ticksPerSecond' }] } });
  });

  it('pauses a run, steps it one tick at a time and resumes it to the digest of an uninterrupted run', async () => {
    const id = await start({ preset: 'workshop-small', seed: 11, ticks: 8, ticksPerSecond: 0, paused: true });
    expect((await api('GET', `/api/runs/${id}`)).body).toMatchObject({ status: 'paused', live: { ticksDone: 0 } });
    const first = await api('POST', `/api/runs/${id}/step`);
    expect(first).toMatchObject({ status: 200, body: { type: 'tick', runId: id, tick: 0, ticks: 8 } });
    expect((await api('POST', `/api/runs/${id}/step`)).body).toMatchObject({ tick: 1 });
    expect((await api('GET', `/api/runs/${id}`)).body).toMatchObject({ status: 'paused', live: { ticksDone: 2 } });
    expect((await api('GET', `/api/runs/${id}/metrics`)).body.map((record: { tick: number }) => record.tick)).toEqual([0, 1]);
    expect((await api('POST', `/api/runs/${id}/pause`)).status).toBe(409);

    const resumed = await api('POST', `/api/runs/${id}/resume`);
    expect(resumed).toMatchObject({ status: 200, body: { id, status: 'running' } });
    const done = await finished(id);
    const uninterrupted = await finished(await start({ preset: 'workshop-small', seed: 11, ticks: 8, ticksPerSecond: 0 }));
    expect(done).toMatchObject({ status: 'completed', digest: uninterrupted.digest });
    expect((await api('POST', `/api/runs/${id}/resume`)).status).toBe(409);
  });

  it('pauses a running run after the tick in progress and resumes it', async () => {
    const id = await start({ preset: 'workshop-small', ticksPerSecond: 2 });
    const paused = await api('POST', `/api/runs/${id}/pause`);
    expect(paused).toMatchObject({ status: 200, body: { id, status: 'paused' } });
    // The pause answers at once (the tick runs in the run's thread); a tick already in progress still lands, no other.
    const atPause = paused.body.live.ticksDone;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = (await api('GET', `/api/runs/${id}`)).body;
    expect(settled.status).toBe('paused');
    expect([atPause, atPause + 1]).toContain(settled.live.ticksDone);
    const ticksDone = settled.live.ticksDone;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await api('GET', `/api/runs/${id}`)).body).toMatchObject({ status: 'paused', live: { ticksDone } });
    expect((await api('POST', `/api/runs/${id}/resume`)).body).toMatchObject({ status: 'running' });
    await waitForRun(orchestrator.url, id, (run) => run.live.ticksDone > ticksDone);
    await api('POST', `/api/runs/${id}/stop`);
  });

  it('serves a run’s stored full ledger page by page, and the records verify as its ledger.ndjson', async () => {
    const id = await start({ preset: 'workshop-small', ticks: 4, ticksPerSecond: 0, storeLedger: true });
    const run = await finished(id);
    const records: LedgerRecord[] = (await api('GET', `/api/runs/${id}/ledger?limit=10000`)).body;
    expect(records.length).toBeGreaterThan(0);
    expect(verifyLines(records.map(formatLedgerLine))).toMatchObject({ ok: true, checked: records.length, head: run.ledgerHead });
    const page = await api('GET', `/api/runs/${id}/ledger?fromSeq=${records[5].seq}&limit=3`);
    expect(page).toMatchObject({ status: 200, body: records.slice(5, 8) });
    expect((await api('GET', `/api/runs/${id}/ledger?limit=0`)).body).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'limit' }] });
  });

  it('lists runs newest first, page by page with limit and offset, and by status', async () => {
    const all = (await api('GET', '/api/runs')).body as Array<{ id: string; status: string; createdAt: string }>;
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.map((run) => run.createdAt)).toEqual([...all.map((run) => run.createdAt)].sort().reverse());
    expect((await api('GET', '/api/runs?limit=2&offset=1')).body.map((run: { id: string }) => run.id)).toEqual(all.slice(1, 3).map((run) => run.id));
    for (const status of ['completed', 'failed']) {
      const filtered = (await api('GET', `/api/runs?status=${status}`)).body.map((run: { id: string }) => run.id);
      expect(filtered).toEqual(all.filter((run) => run.status === status).map((run) => run.id));
      expect(filtered.length).toBeGreaterThan(0);
    }
    expect((await api('GET', '/api/runs?status=lost')).body).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'status' }] });
    expect((await api('GET', '/api/runs?limit=-1')).body.issues[0].path).toBe('limit');
  });

  it('streams only the named run to /ws?run=<id>, with its status changes', async () => {
    const watched = await start({ preset: 'workshop-small', ticks: 5, ticksPerSecond: 0, paused: true });
    const filtered = await stream(`?run=${watched}`);
    const everything = await stream();
    const other = await start({ preset: 'workshop-small', ticks: 5, ticksPerSecond: 0 });
    await api('POST', `/api/runs/${watched}/resume`);
    await filtered.until((messages) => messages.some((message) => message.event === 'status' && message.data.status === 'completed'));
    await everything.until((messages) => messages.some((message) => message.event === 'status' && message.data.runId === other && message.data.status === 'completed'));

    expect(filtered.messages[0]).toEqual({ event: 'hello', data: { run: watched } });
    const frames = filtered.messages.slice(1);
    expect(frames.every((message) => message.data.runId === watched)).toBe(true);
    expect(frames.filter((message) => message.event === 'tick').map((message) => message.data.tick)).toEqual([0, 1, 2, 3, 4]);
    const statuses = frames.filter((message) => message.event === 'status').map((message) => message.data);
    expect(statuses).toEqual([
      { runId: watched, status: 'running', tick: 0 },
      { runId: watched, status: 'completed', tick: 5, digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(everything.messages.filter((message) => message.event === 'tick' && message.data.runId === other)).toHaveLength(5);
  });

  it('rejects bad input with 400 naming the field and unknown runs with 404, and changes nothing stored', async () => {
    const id = await start({ preset: 'workshop-small', paused: true });
    const before = (await api('GET', '/api/runs')).body;
    const badStart = await api('POST', '/api/runs', { preset: 'no-such-preset' });
    expect(badStart).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', issues: [{ path: 'preset' }] } });
    const badScenario = await api('POST', '/api/runs', { scenario: { extends: 'workshop-small.yaml', policies: { standards: { adoption: 3 } } } });
    expect(badScenario.status).toBe(400);
    expect(badScenario.body.issues.map((issue: { path: string }) => issue.path)).toContain('scenario.policies.standards.adoption');
    expect((await api('POST', '/api/runs', { preset: 'workshop-small', ticks: 'many' })).body.issues[0].path).toBe('ticks');
    expect((await api('POST', '/api/runs', undefined, '{"preset": ')).status).toBe(400);
    expect((await api('POST', `/api/runs/${id}/levers`, { path: 'population.systems', value: [] })).body).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'path' }] });
    expect((await api('POST', `/api/runs/${id}/levers`, { value: 1 })).body.issues[0].path).toBe('path');
    expect((await api('POST', `/api/runs/${id}/pace`, { ticksPerSecond: 'fast' })).body.issues[0].path).toBe('ticksPerSecond');
    expect((await api('GET', `/api/runs/${id}/metrics?from=abc`)).body.issues[0].path).toBe('from');
    expect(await api('GET', '/api/runs/no-such-run')).toMatchObject({ status: 404, body: { code: 'RUN_NOT_FOUND' } });
    for (const action of ['pause', 'resume', 'step', 'stop']) expect((await api('POST', `/api/runs/no-such-run/${action}`)).status).toBe(404);
    expect((await api('GET', '/api/runs/no-such-run/metrics')).status).toBe(404);
    expect((await api('GET', '/api/runs/no-such-run/ledger')).status).toBe(404);
    expect((await api('GET', '/api/runs')).body).toEqual(before);
    await api('POST', `/api/runs/${id}/stop`);
  });

  it('counts a run at GET /metrics (Prometheus text): its ticks, exchanges by outcome and refusals by reason, as its stored metrics', async () => {
    /** The samples of a scrape, by `name{labels}`. */
    const scrape = async () => {
      const response = await fetch(`${orchestrator.url}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const samples = new Map<string, number>();
      for (const line of (await response.text()).split('\n')) {
        const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
        if (match) samples.set(match[1], Number(match[2]));
      }
      return samples;
    };
    const before = await scrape();
    expect(before.get('silolab_runs{status="running"}')).toBe(0);
    const id = await start({ preset: 'workshop-small', seed: 2, ticks: 4, ticksPerSecond: 0 });
    await finished(id);
    const after = await scrape();
    const stored = ((await api('GET', `/api/runs/${id}/metrics`)).body as Array<{ metrics: Record<string, number> }>).map((record) => record.metrics);
    const sum = (key: string) => stored.reduce((total, metrics) => total + metrics[key], 0);
    const delta = (sample: string) => (after.get(sample) ?? Number.NaN) - (before.get(sample) ?? 0);
    expect(delta('silolab_ticks_total')).toBe(4);
    expect(delta('silolab_tick_duration_seconds_count')).toBe(4);
    expect(delta('silolab_exchange_requests_total')).toBe(sum('requests'));
    expect(delta('silolab_exchanges_total{outcome="shared"}')).toBe(sum('shared'));
    expect(delta('silolab_exchanges_total{outcome="denied"}')).toBe(sum('denied'));
    expect(delta('silolab_refusals_total{reason="unable"}')).toBe(sum('refusals.unable'));
    expect(sum('shared')).toBeGreaterThan(0);
    expect(delta('silolab_runs_finished_total{status="completed"}')).toBe(1);
    expect(after.get('silolab_runs{status="completed"}')).toBeGreaterThanOrEqual(1);
  });
});
