// End to end: no input freezes or crashes SiloLab. The CLI refuses oversized and absurd scenarios with exit 2 naming
// the problem; the orchestrator answers them with a 4xx within seconds while /api/health keeps answering, caps runs at
// once, stored ledgers and paces, survives YAML that crashed the parser, and answers health, pause and stop within a
// second while a run computes a tick of nearly two million requests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorised, startOrchestratorProcess, type OrchestratorProcess } from '../orchestrator/support/orchestrator-process';

const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'silolab-bounds-'));
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const huge = { name: 'huge', population: { systems: ids('s', 1000), regions: ids('r', 1000) }, demand: { mode: 'pairing' } };
const aliasBomb = ['name: bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');

function silolab(args: string[], env: Record<string, string> = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'bin', 'silolab.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: result.status, stderr: result.stderr, seconds: (performance.now() - started) / 1000 };
}

async function call(base: string, method: string, path: string, body?: unknown) {
  const started = performance.now();
  const response = await fetch(base + path, { method, headers: authorised, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('silolab run refuses what it cannot do', () => {
  it('refuses 1e308 applications per tick with exit 2 naming the path, instead of never finishing', () => {
    const result = silolab(['run', 'workshop-small', '--set', 'demand.services[0].applicationsPerTick=1e308', '--no-progress']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('demand.services[0].applicationsPerTick: more than 1e308 requests per tick');
  });

  it('refuses 1,000 × 1,000 departments beyond the memory limit, naming the limit and how to raise it', () => {
    const file = join(work, 'huge.yaml');
    writeFileSync(file, JSON.stringify(huge));
    const result = silolab(['run', file, '--no-progress'], { SILOLAB_MAX_RUN_MEMORY_MB: '1024' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/population: the run needs about [\d.]+ GiB \(1,000,000 departments; up to [\d,]+ department pairs exchanging\), above the limit of 1\.0 GiB; raise it with SILOLAB_MAX_RUN_MEMORY_MB/);
    expect(silolab(['run', 'workshop-small', '--no-progress'], { SILOLAB_MAX_RUN_MEMORY_MB: '0' }).stderr).toContain('SILOLAB_MAX_RUN_MEMORY_MB: expected a positive whole number');
  });

  it('names the file of an alias bomb and quotes binary garbage short', () => {
    const bomb = join(work, 'bomb.yaml');
    writeFileSync(bomb, aliasBomb);
    const result = silolab(['run', bomb]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bomb}: invalid scenario\n  (file): YAML: aliases (*name) expand to more than 100 copies`);
    const garbage = join(work, 'garbage.yaml');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 7919 + 13) % 256)));
    const binary = silolab(['run', garbage]);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('not UTF-8 text (binary data)');
    expect(binary.stderr.length).toBeLessThan(500);
  });

  it('refuses absurd paces with exit 2 naming the range', () => {
    const result = silolab(['serve', '--ticks-per-second', '1e-300']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected 0 (as fast as possible) or ticks per second between 0.01 and 1000, got 1e-300');
  });
});

describe('the orchestrator under hostile and oversized requests', () => {
  let orchestrator: OrchestratorProcess;

  beforeAll(async () => {
    orchestrator = await startOrchestratorProcess(join(work, 'served'), { command: ['serve', '--port', '0', '--max-runs', '2', '--max-stored-ledger', '1000'] });
  });

  afterAll(async () => {
    await orchestrator?.kill('SIGTERM');
  });

  it('answers an oversized scenario with a 4xx within seconds, /api/health answering meanwhile', async () => {
    const api = (method: string, path: string, body?: unknown) => call(orchestrator.url, method, path, body);
    const [absurd, health] = await Promise.all([api('POST', '/api/runs', { preset: 'workshop-small', set: { 'demand.services[0].applicationsPerTick': 1e308 } }), api('GET', '/api/health')]);
    expect(absurd).toMatchObject({ status: 400, body: { issues: [{ path: 'demand.services[0].applicationsPerTick' }] } });
    expect(absurd.ms).toBeLessThan(5000);
    expect(health.status).toBe(200);
    const big = await api('POST', '/api/runs', { scenario: huge });
    expect(big).toMatchObject({ status: 400, body: { issues: [{ path: 'population', message: expect.stringContaining('raise it with --max-run-memory') }] } });
    expect(big.ms).toBeLessThan(5000);
    expect((await api('GET', '/api/health')).status).toBe(200);
    expect((await api('GET', '/api/runs')).body).toEqual([]);
  });

  it('answers YAML that crashed the parser (deep nesting, twice) and alias bombs with 400, and stays up', async () => {
    const api = (method: string, path: string, body?: unknown) => call(orchestrator.url, method, path, body);
    for (const scenario of ['- '.repeat(1000) + '1', '['.repeat(3000) + ']'.repeat(3000), '- '.repeat(1000) + '1']) {
      expect(await api('POST', '/api/runs', { scenario })).toMatchObject({ status: 400, body: { issues: [{ path: expect.stringMatching(/^scenario \(line 1:\d+\)$/), message: expect.stringMatching(/^nested deeper than 64 levels/) }] } });
    }
    expect(await api('POST', '/api/runs', { scenario: aliasBomb })).toMatchObject({ status: 400, body: { issues: [{ path: 'scenario ((file))', message: expect.stringContaining('aliases') }] } });
    const deepJson = '{"scenario":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
    expect(await api('POST', '/api/runs', deepJson)).toMatchObject({ status: 400, body: { issues: [{ message: 'nested deeper than 64 levels' }] } });
    expect((await api('GET', '/api/health')).status).toBe(200);
  });

  it('refuses absurd paces, stored ledgers beyond the limit, and more live runs than allowed (429)', async () => {
    const api = (method: string, path: string, body?: unknown) => call(orchestrator.url, method, path, body);
    expect(await api('POST', '/api/runs', { preset: 'workshop-small', ticksPerSecond: 1e-300 })).toMatchObject({ status: 400, body: { issues: [{ path: 'ticksPerSecond', message: expect.stringContaining('between 0.01 and 1000') }] } });
    expect(await api('POST', '/api/runs', { preset: 'workshop-small', storeLedger: true })).toMatchObject({ status: 400, body: { issues: [{ path: 'storeLedger', message: expect.stringContaining('above the limit of 1,000 per run; raise it with --max-stored-ledger') }] } });
    const first = await api('POST', '/api/runs', { preset: 'workshop-small', paused: true });
    const second = await api('POST', '/api/runs', { preset: 'workshop-small', paused: true });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await api('POST', `/api/runs/${first.body.id}/pace`, { ticksPerSecond: 1e-300 })).status).toBe(400);
    expect(await api('POST', '/api/runs', { preset: 'workshop-small' })).toMatchObject({ status: 429, body: { code: 'TOO_MANY_RUNS', message: expect.stringContaining('--max-runs') } });
    await api('POST', `/api/runs/${first.body.id}/stop`);
    await api('POST', `/api/runs/${second.body.id}/stop`);
    expect((await api('POST', '/api/runs', { preset: 'workshop-small', paused: true })).status).toBe(201);
  });
});

describe('a heavy run does not hold the orchestrator', () => {
  let orchestrator: OrchestratorProcess;

  afterAll(async () => {
    await orchestrator?.kill('SIGTERM');
  });

  it('answers health, pause and stop within a second while a tick of 1.8 million requests is computed', async () => {
    orchestrator = await startOrchestratorProcess(join(work, 'heavy'));
    const api = (method: string, path: string, body?: unknown) => call(orchestrator.url, method, path, body);
    // 300,000 applications × 3 regions × 2 needs: near the default limit of 2,000,000 requests per tick; several
    // seconds of computing per tick.
    const started = await api('POST', '/api/runs', { preset: 'workshop-small', set: { 'demand.services[0].applicationsPerTick': 300_000 }, ticks: 3, ticksPerSecond: 0 });
    expect(started.status).toBe(201);
    const id = started.body.id;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const health = [];
    for (let i = 0; i < 5; i++) health.push(await api('GET', '/api/health'));
    expect(health.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(Math.max(...health.map((answer) => answer.ms))).toBeLessThan(1000);
    const pause = await api('POST', `/api/runs/${id}/pause`);
    expect(pause).toMatchObject({ status: 200, body: { status: 'paused' } });
    expect(pause.ms).toBeLessThan(1000);
    const stop = await api('POST', `/api/runs/${id}/stop`);
    expect(stop).toMatchObject({ status: 200, body: { status: 'failed', error: expect.stringMatching(/^stopped by request after \d of 3 ticks$/) } });
    expect(stop.ms).toBeLessThan(1000);
    expect((await api('GET', '/api/health')).status).toBe(200);
  });
});
