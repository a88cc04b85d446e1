// End to end: what becomes of a live run when the orchestrator process ends — shut down (SIGTERM) or killed (SIGKILL) —
// seen from the next process on the same database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient, waitForRun } from './support/http-api';
import { startOrchestratorProcess, type OrchestratorProcess } from './support/orchestrator-process';

describe('the orchestrator process ending with a live run', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'silolab-orchestrator-'));
  const processes: OrchestratorProcess[] = [];
  /** The next orchestrator process on the database. */
  const next = async () => {
    const started = await startOrchestratorProcess(dataDir);
    processes.push(started);
    return { process: started, api: apiClient(started.url) };
  };
  /** Starts a run at two ticks a second on `orchestrator` and waits until it has stored three ticks. */
  const liveRun = async ({ process, api }: Awaited<ReturnType<typeof next>>) => {
    const id: string = (await api('POST', '/api/runs', { preset: 'workshop-small', ticksPerSecond: 2 })).body.id;
    await waitForRun(process.url, id, (run) => run.live.ticksDone >= 3);
    return { id, stored: (await api('GET', `/api/runs/${id}/metrics`)).body as Array<{ tick: number }> };
  };
  let current: Awaited<ReturnType<typeof next>>;

  beforeAll(async () => {
    current = await next();
  });

  afterAll(async () => {
    for (const started of processes) await started.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on SIGTERM, records its live run as failed with the shutdown reason before it exits', async () => {
    const { id } = await liveRun(current);
    await current.process.kill('SIGTERM');
    // The next process finds the run already finished: it was no orphan to recover.
    current = await next();
    expect(current.process.output()).not.toContain(`run ${id}`);
    expect((await current.api('GET', `/api/runs/${id}`)).body).toMatchObject({ status: 'failed', error: 'orchestrator shut down while the run was live', finishedAt: expect.any(String) });
  });

  it('after a SIGKILL, the next process shows the run as failed with every metric it had stored', async () => {
    const { id, stored } = await liveRun(current);
    await current.process.kill('SIGKILL');
    current = await next();
    const { api } = current;
    expect(current.process.output()).toContain(`run ${id} (workshop-small) recorded as failed`);
    expect(await api('GET', `/api/runs/${id}`)).toMatchObject({ status: 200, body: { id, status: 'failed', error: 'orchestrator process ended while the run was running', live: null, finishedAt: expect.any(String) } });
    const storedAfter = (await api('GET', `/api/runs/${id}/metrics`)).body as Array<{ tick: number }>;
    expect(storedAfter.length).toBeGreaterThanOrEqual(stored.length);
    expect(storedAfter.slice(0, stored.length)).toEqual(stored);
    expect(storedAfter.map((record) => record.tick)).toEqual(storedAfter.map((_, index) => index));
    expect((await api('POST', `/api/runs/${id}/resume`)).status).toBe(409);
  });
});
