// End to end: what becomes of a live run when the orchestrator process ends — shut down (SIGTERM) or killed (SIGKILL) —
// seen from the next process on the same database.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient, waitForRun } from './support/http-api';
import { startOrchestratorProcess, type OrchestratorProcess } from './support/orchestrator-process';

const silolab = join(__dirname, '..', '..', 'bin', 'silolab.js');

describe('the orchestrator process ending with a live run', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'silolab-orchestrator-'));
  const processes: OrchestratorProcess[] = [];
  /** The next orchestrator process on the database. */
  const next = async () => {
    const started = await startOrchestratorProcess(dataDir);
    processes.push(started);
    return { process: started, api: apiClient(started.url) };
  };
  /** Starts a run (by default at two ticks a second) on `orchestrator` and waits until it has stored three ticks. */
  const liveRun = async ({ process, api }: Awaited<ReturnType<typeof next>>, body: Record<string, unknown> = { ticksPerSecond: 2 }) => {
    const id: string = (await api('POST', '/api/runs', { preset: 'workshop-small', ...body })).body.id;
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

  it('after a SIGKILL, the next process resumes the run from its last stored tick and completes it with the undisturbed digest', async () => {
    const { id, stored } = await liveRun(current, { seed: 11, ticks: 12, ticksPerSecond: 4 });
    await current.process.kill('SIGKILL');
    current = await next();
    const { api } = current;
    expect(current.process.output()).toContain(`run ${id} (workshop-small) resumed after its orchestrator process ended`);
    const run = await waitForRun(current.process.url, id, (view) => view.status !== 'running');
    // The reference: the same scenario and seed, run undisturbed by the built `silolab run`.
    const undisturbed = JSON.parse(execFileSync(process.execPath, [silolab, 'run', 'workshop-small', '--seed', '11', '--ticks', '12', '--json'], { encoding: 'utf8' })).manifest;
    expect(run).toMatchObject({ status: 'completed', digest: undisturbed.digest, ledgerHead: undisturbed.ledgerHead, error: null });
    const storedAfter = (await api('GET', `/api/runs/${id}/metrics`)).body as Array<{ tick: number }>;
    expect(storedAfter.slice(0, stored.length)).toEqual(stored);
    expect(storedAfter.map((record) => record.tick)).toEqual([...Array(12).keys()]);
  });
});
