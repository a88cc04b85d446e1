// End to end: the built orchestrator process over HTTP and WebSocket — start a run, read it, stream its ticks, reject
// bad input, survive a SIGKILL as a stored failed run with its metrics.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorised, recordStream, startOrchestratorProcess, type OrchestratorProcess, type StreamRecorder } from './orchestrator-process';

async function call(base: string, method: string, path: string, body?: unknown, raw?: string) {
  const response = await fetch(base + path, {
    method,
    headers: authorised,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('the orchestrator process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'silolab-orchestrator-'));
  let first: OrchestratorProcess | null = null;
  let second: OrchestratorProcess | null = null;
  let stream: StreamRecorder | null = null;

  afterAll(async () => {
    stream?.close();
    await first?.kill('SIGKILL');
    await second?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves runs over REST and ticks over WebSocket, rejects bad input, and after a SIGKILL shows the run failed with its metrics', async () => {
    first = await startOrchestratorProcess(dataDir);
    const api = (method: string, path: string, body?: unknown, raw?: string) => call(first!.url, method, path, body, raw);

    expect(await api('GET', '/api/health')).toMatchObject({ status: 200, body: { status: 'ok', info: { database: { status: 'up' } } } });
    expect((await api('GET', '/api/scenarios')).body.map((preset: { name: string }) => preset.name)).toContain('workshop-small');
    expect((await api('GET', '/api/docs-json')).body.paths['/api/runs/{id}/levers']).toBeDefined();

    stream = await recordStream(first.url.replace(/^http/, 'ws') + '/ws');
    const started = await api('POST', '/api/runs', { preset: 'workshop-small', ticksPerSecond: 2 });
    expect(started).toMatchObject({ status: 201, body: { status: 'running', scenarioName: 'workshop-small', ticks: 60 } });
    const id: string = started.body.id;

    // Tick events arrive in order with metrics and a community per department.
    const ticksOf = () => stream!.messages.filter((message) => message.event === 'tick' && message.data.runId === id);
    await stream.until(() => ticksOf().length >= 3);
    expect(ticksOf().slice(0, 3).map((message) => message.data.tick)).toEqual([0, 1, 2]);
    expect(ticksOf()[0].data).toMatchObject({ ticks: 60, metrics: { sharingRate: expect.any(Number) }, communityOf: expect.any(Array) });
    expect(ticksOf()[0].data.communityOf).toHaveLength(12);

    // Stored metrics and ledger heads can be read while the run goes on.
    const metrics = await api('GET', `/api/runs/${id}/metrics?from=0&to=1`);
    expect(metrics).toMatchObject({ status: 200, body: [{ runId: id, tick: 0 }, { runId: id, tick: 1 }] });
    expect(metrics.body[0].metrics.sharingRate).toBe((ticksOf()[0].data.metrics as Record<string, number>).sharingRate);
    expect((await api('GET', `/api/runs/${id}/ledger-heads`)).body[0]).toMatchObject({ runId: id, tick: 0, head: expect.any(String) });
    expect((await api('POST', `/api/runs/${id}/levers`, { path: 'policies.standards.adoption', value: 0.8 })).body).toMatchObject({ path: 'policies.standards.adoption', fromTick: expect.any(Number) });

    // Bad input: 400 naming the field, 404 for an unknown run; nothing stored changes.
    const badStart = await api('POST', '/api/runs', { preset: 'no-such-preset' });
    expect(badStart).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', issues: [{ path: 'preset' }] } });
    const badScenario = await api('POST', '/api/runs', { scenario: { extends: 'workshop-small.yaml', policies: { standards: { adoption: 3 } } } });
    expect(badScenario.status).toBe(400);
    expect(badScenario.body.issues.map((issue: { path: string }) => issue.path)).toContain('scenario.policies.standards.adoption');
    expect((await api('POST', '/api/runs', { preset: 'workshop-small', ticks: 'many' })).body.issues[0].path).toBe('ticks');
    expect((await api('POST', '/api/runs', undefined, '{"preset": ')).status).toBe(400);
    expect((await api('POST', `/api/runs/${id}/levers`, { path: 'population.systems', value: [] })).body).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'path' }] });
    expect((await api('POST', `/api/runs/${id}/levers`, { value: 1 })).body.issues[0].path).toBe('path');
    expect((await api('GET', `/api/runs/${id}/metrics?from=abc`)).body.issues[0].path).toBe('from');
    expect(await api('GET', '/api/runs/no-such-run')).toMatchObject({ status: 404, body: { code: 'RUN_NOT_FOUND' } });
    expect((await api('POST', '/api/runs/no-such-run/pause')).status).toBe(404);
    expect((await api('GET', '/api/runs/no-such-run/metrics')).status).toBe(404);
    expect((await api('POST', `/api/runs/${id}/step`)).status).toBe(409);
    const runs = await api('GET', '/api/runs');
    expect(runs.body.map((run: { id: string }) => run.id)).toEqual([id]);

    // Kill the orchestrator mid-run.
    const before = await api('GET', `/api/runs/${id}`);
    expect(before.body).toMatchObject({ status: 'running', live: { ticksPerSecond: 2 } });
    const storedBeforeKill = (await api('GET', `/api/runs/${id}/metrics`)).body as Array<{ tick: number; metrics: Record<string, number> }>;
    expect(storedBeforeKill.length).toBeGreaterThanOrEqual(3);
    stream.close();
    stream = null;
    await first.kill('SIGKILL');
    first = null;

    // Restart on the same database: the run is a stored, failed record with every metric it had written.
    second = await startOrchestratorProcess(dataDir);
    const after = await call(second.url, 'GET', `/api/runs/${id}`);
    expect(after).toMatchObject({ status: 200, body: { id, status: 'failed', error: 'orchestrator process ended while the run was running', live: null, finishedAt: expect.any(String) } });
    const storedAfter = (await call(second.url, 'GET', `/api/runs/${id}/metrics`)).body as Array<{ tick: number; metrics: Record<string, number> }>;
    expect(storedAfter.length).toBeGreaterThanOrEqual(storedBeforeKill.length);
    expect(storedAfter.slice(0, storedBeforeKill.length)).toEqual(storedBeforeKill);
    expect(storedAfter.map((record) => record.tick)).toEqual(storedAfter.map((_, index) => index));
    expect((await call(second.url, 'POST', `/api/runs/${id}/resume`)).status).toBe(409);
  });
});
