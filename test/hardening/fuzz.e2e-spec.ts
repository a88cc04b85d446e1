// Fuzz, end to end (fewer cases than in process: each one crosses HTTP or starts a process): random bodies, content
// types and queries never get a 500 from the orchestrator, which keeps answering health and starting runs; random
// scenario files never crash `silolab run` (exit 0 or 2 with a message, no stack trace), each in bounded time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { authorised, startOrchestratorProcess, type OrchestratorProcess } from '../orchestrator/support/orchestrator-process';
import { commandBody, scenarioText, startBody } from './support/fuzz-arbitraries';

const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'silolab-fuzz-e2e-'));
const CASE_BUDGET_MS = 5000;

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fuzz over HTTP', () => {
  let orchestrator: OrchestratorProcess;
  let runId: string;

  beforeAll(async () => {
    orchestrator = await startOrchestratorProcess(join(work, 'served'), { command: ['serve', '--port', '0', '--max-run-memory', '64', '--max-runs', '100', '--rate-limit', '100000'] });
    const started = await fetch(`${orchestrator.url}/api/runs`, { method: 'POST', headers: authorised, body: JSON.stringify({ preset: 'workshop-small', paused: true, ticks: 1000 }) });
    runId = ((await started.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await orchestrator?.kill('SIGTERM');
  });

  const request = fc.oneof(
    startBody.map((body) => ({ method: 'POST', path: () => '/api/runs', body: JSON.stringify(body), type: 'application/json' })),
    commandBody.map((body) => ({ method: 'POST', path: () => `/api/runs/${runId}/levers`, body: JSON.stringify(body), type: 'application/json' })),
    commandBody.map((body) => ({ method: 'POST', path: () => `/api/runs/${runId}/pace`, body: JSON.stringify(body), type: 'application/json' })),
    fc.tuple(fc.string({ maxLength: 200 }), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1')).map(([body, type]) => ({ method: 'POST', path: () => '/api/runs', body, type })),
    fc.tuple(fc.constantFrom('metrics', 'ledger', 'ledger-heads', ''), fc.dictionary(fc.constantFrom('from', 'to', 'fromSeq', 'limit', 'status', 'offset', '__proto__'), fc.string({ maxLength: 12 }), { maxKeys: 3 })).map(([route, query]) => ({
      method: 'GET',
      path: () => `/api/runs/${route ? `${runId}/${route}` : ''}?${new URLSearchParams(query)}`,
      body: undefined,
      type: undefined,
    })),
  );

  it('answers every request with something other than a 500, in bounded time, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, body, type }) => {
        const started = performance.now();
        const response = await fetch(orchestrator.url + path(), { method, body, headers: { authorization: authorised.authorization, ...(type ? { 'content-type': type } : {}) } });
        await response.text();
        expect(response.status).toBeLessThan(500);
        expect(performance.now() - started).toBeLessThan(CASE_BUDGET_MS);
      }),
      { numRuns: 60 },
    );
    expect((await fetch(`${orchestrator.url}/api/health`)).status).toBe(200);
    const started = await fetch(`${orchestrator.url}/api/runs`, { method: 'POST', headers: authorised, body: JSON.stringify({ preset: 'workshop-small', paused: true }) });
    expect(started.status).toBe(201);
    expect((await fetch(`${orchestrator.url}/api/runs?limit=1000`)).status).toBe(200);
  });
});

describe('fuzz through the CLI', () => {
  it('runs or refuses random scenario files with exit 0 or 2 and a message, never a crash', () => {
    let n = 0;
    fc.assert(
      fc.property(scenarioText, (text) => {
        const file = join(work, `scenario-${n++}.yaml`);
        writeFileSync(file, text);
        const result = spawnSync(process.execPath, [join(root, 'bin', 'silolab.js'), 'run', file, '--ticks', '1', '--no-progress'], {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, SILOLAB_MAX_RUN_MEMORY_MB: '64', SILOLAB_MAX_REQUESTS_PER_TICK: '200000' },
          timeout: 60_000,
        });
        expect([0, 2]).toContain(result.status);
        if (result.status === 2) expect(result.stderr).toMatch(/^silolab run: .*: invalid scenario\n/);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.stderr.length).toBeLessThan(10_000);
      }),
      { numRuns: 8 },
    );
  });
});
