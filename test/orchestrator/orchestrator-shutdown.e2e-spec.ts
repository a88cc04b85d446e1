// End to end: what becomes of live runs when the orchestrator process ends — killed (SIGKILL), or shut down (SIGTERM) —
// seen from the next process on the same database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient, waitForRun } from './support/http-api';
import { startOrchestratorProcess, type OrchestratorProcess } from './support/orchestrator-process';

describe('the orchestrator process ending with live runs', () => {
  const folders: string[] = [];
  const processes: OrchestratorProcess[] = [];
  const startOn = async (dataDir: string) => {
    const started = await startOrchestratorProcess(dataDir);
    processes.push(started);
    return started;
  };
  /** A fresh database, an orchestrator on it, and a run at two ticks a second that has stored three ticks. */
  const liveRun = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'silolab-orchestrator-'));
    folders.push(dataDir);
    const first = await startOn(dataDir);
    const api = apiClient(first.url);
    const id: string = (await api('POST', '/api/runs', { preset: 'workshop-small', ticksPerSecond: 2 })).body.id;
    await waitForRun(first.url, id, (run) => run.live.ticksDone >= 3);
    const stored = (await api('GET', `/api/runs/${id}/metrics`)).body as Array<{ tick: number }>;
    return { dataDir, first, id, stored };
  };

  afterAll(async () => {
    for (const started of processes) await started.kill('SIGKILL');
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('after a SIGKILL, the next process shows the run as failed with every metric it had stored', async () => {
    const { dataDir, first, id, stored } = await liveRun();
    await first.kill('SIGKILL');
    const second = await startOn(dataDir);
    const api = apiClient(second.url);
    const after = await api('GET', `/api/runs/${id}`);
    expect(after).toMatchObject({ status: 200, body: { id, status: 'failed', error: 'orchestrator process ended while the run was running', live: null, finishedAt: expect.any(String) } });
    const storedAfter = (await api('GET', `/api/runs/${id}/metrics`)).body as Array<{ tick: number }>;
    expect(storedAfter.length).toBeGreaterThanOrEqual(stored.length);
    expect(storedAfter.slice(0, stored.length)).toEqual(stored);
    expect(storedAfter.map((record) => record.tick)).toEqual(storedAfter.map((_, index) => index));
    expect((await api('POST', `/api/runs/${id}/resume`)).status).toBe(409);
  });

  it('on SIGTERM, records its live runs as failed with the shutdown reason before it exits', async () => {
    const { dataDir, first, id } = await liveRun();
    await first.kill('SIGTERM');
    expect(first.child.signalCode ?? first.child.exitCode).not.toBeNull();
    // The next process finds the run already finished: it was not an orphan to recover.
    const second = await startOn(dataDir);
    expect(second.output()).not.toContain(`run ${id}`);
    expect((await apiClient(second.url)('GET', `/api/runs/${id}`)).body).toMatchObject({ status: 'failed', error: 'orchestrator shut down while the run was live', finishedAt: expect.any(String) });
  });
});
