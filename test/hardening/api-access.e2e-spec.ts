// End to end, against the built orchestrator process: state-changing routes need the bearer token (401 without),
// writes take JSON only (415: a cross-site form post cannot start a run), pages of other origins are refused (HTTP
// and WebSocket), a non-loopback host puts reads, docs and the stream behind the token too and refuses token-free
// mode, rate limits answer 429, and a polluting request is a 400 after which the server keeps serving.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorised, startOrchestratorProcess, TEST_API_TOKEN, type OrchestratorProcess } from '../orchestrator/support/orchestrator-process';

const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocket = require('ws') as new (url: string, options?: { headers?: Record<string, string> }) => {
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'unexpected-response', listener: (request: unknown, response: { statusCode: number }) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): void;
};

/** Opens a WebSocket and resolves with 'open' or the HTTP status that refused the handshake. */
function handshake(url: string, headers: Record<string, string> = {}): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
    socket.on('error', (error) => (/Unexpected server response/.test(error.message) ? undefined : reject(error)));
  });
}

async function call(base: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(base + path, { method, headers: options.headers, body: options.body });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (the docs page)
  }
  return { status: response.status, body: body as Record<string, unknown> & Array<Record<string, unknown>>, headers: response.headers };
}

describe('access to the orchestrator', () => {
  const folders: string[] = [];
  const running: OrchestratorProcess[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'silolab-access-'));
    folders.push(dir);
    return dir;
  };
  const start = async (options: Parameters<typeof startOrchestratorProcess>[1] = {}) => {
    const orchestrator = await startOrchestratorProcess(folder(), options);
    running.push(orchestrator);
    return orchestrator;
  };

  afterAll(async () => {
    for (const orchestrator of running) await orchestrator.kill('SIGTERM');
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('on loopback: writes need the token, take JSON only and come from its own origin; reads stay open', async () => {
    const { url } = await start();
    const json = { 'content-type': 'application/json' };
    const startBody = JSON.stringify({ preset: 'workshop-small', paused: true });

    const anonymous = await call(url, 'POST', '/api/runs', { headers: json, body: startBody });
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="silolab"');
    expect((await call(url, 'POST', '/api/runs', { headers: { ...json, authorization: 'Bearer not-the-token' }, body: startBody })).status).toBe(401);
    for (const path of ['pause', 'resume', 'step', 'stop', 'levers', 'pace']) {
      expect((await call(url, 'POST', `/api/runs/any/${path}`, { headers: json, body: '{}' })).status).toBe(401);
    }

    // A cross-site HTML form: urlencoded (with the qs-style nested key), multipart or text/plain, with or without the token.
    const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' };
    expect(await call(url, 'POST', '/api/runs', { headers: form, body: 'preset=workshop-small&set[__proto__.x]=1' })).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect((await call(url, 'POST', '/api/runs', { headers: { ...form, authorization: `Bearer ${TEST_API_TOKEN}` }, body: 'preset=workshop-small' })).status).toBe(415);
    expect((await call(url, 'POST', '/api/runs', { headers: { ...authorised, 'content-type': 'text/plain' }, body: startBody })).status).toBe(415);
    expect((await call(url, 'POST', '/api/runs', { headers: { authorization: `Bearer ${TEST_API_TOKEN}` }, body: startBody })).status).toBe(415);
    // JSON from a page of another origin, even with the token.
    expect(await call(url, 'POST', '/api/runs', { headers: { ...authorised, origin: 'http://evil.example' }, body: startBody })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_ORIGIN' } });
    expect((await call(url, 'GET', '/api/runs', { headers: { origin: 'http://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(url, 'GET', '/api/runs')).body).toEqual([]);

    // Polluting paths are refused; the server keeps serving every route afterwards.
    const polluting = await call(url, 'POST', '/api/runs', { headers: authorised, body: JSON.stringify({ preset: 'workshop-small', set: { '__proto__.polluted': 1 } }) });
    expect(polluting).toMatchObject({ status: 400, body: { issues: [{ path: 'set.__proto__.polluted' }] } });
    const started = await call(url, 'POST', '/api/runs', { headers: { ...authorised, origin: url }, body: startBody });
    expect(started).toMatchObject({ status: 201, body: { status: 'paused' } });
    const id = started.body.id as string;
    for (const path of ['policies.__proto__.NODE_OPTIONS', 'policies.constructor.prototype.x', 'behaviour.prototype']) {
      const lever = await call(url, 'POST', `/api/runs/${id}/levers`, { headers: authorised, body: JSON.stringify({ path, value: '--import=data:text/javascript,process.exit(9)' }) });
      expect(lever).toMatchObject({ status: 400, body: { issues: [{ path: 'path' }] } });
    }
    expect((await call(url, 'POST', `/api/runs/${id}/step`, { headers: authorised })).status).toBe(200);
    expect((await call(url, 'GET', '/api/runs')).body.map((run) => run.id)).toEqual([id]);
    expect((await call(url, 'GET', `/api/runs/${id}/metrics`)).body).toHaveLength(1);
    expect((await call(url, 'GET', '/api/docs-json')).status).toBe(200);
    expect((await call(url, 'GET', '/metrics')).status).toBe(200);
    expect(await call(url, 'GET', '/api/health')).toMatchObject({ status: 200, body: { status: 'ok' } });

    const ws = url.replace(/^http/, 'ws') + '/ws';
    expect(await handshake(ws)).toBe('open');
    expect(await handshake(ws, { origin: url })).toBe('open');
    expect(await handshake(ws, { origin: 'http://evil.example' })).toBe(403);
  });

  it('on a non-loopback host: reads, docs and the stream need the token too; health stays public', async () => {
    const { url, output } = await start({ command: ['serve', '--host', '0.0.0.0', '--port', '0'] });
    expect(output()).not.toMatch(/listening on http:\/\/(localhost|0\.0\.0\.0)/);
    expect(output()).toContain('reads, docs and the stream need it too');
    expect((await call(url, 'GET', '/api/runs')).status).toBe(401);
    expect((await call(url, 'GET', '/api/docs-json')).status).toBe(401);
    expect((await call(url, 'GET', '/api/docs')).status).toBe(401);
    expect((await call(url, 'GET', '/metrics')).status).toBe(401);
    expect((await call(url, 'GET', '/metrics', { headers: authorised })).status).toBe(200);
    expect((await call(url, 'GET', '/api/runs', { headers: authorised })).status).toBe(200);
    expect((await call(url, 'GET', '/api/docs-json', { headers: authorised })).status).toBe(200);
    expect((await call(url, 'GET', '/api/health')).status).toBe(200);
    const ws = url.replace(/^http/, 'ws') + '/ws';
    expect(await handshake(ws)).toBe(401);
    expect(await handshake(`${ws}?token=${TEST_API_TOKEN}`)).toBe('open');
    expect(await handshake(ws, { authorization: `Bearer ${TEST_API_TOKEN}` })).toBe('open');
  });

  it('refuses token-free mode on a non-loopback host, and allows it on loopback', async () => {
    const refused = spawnSync(process.execPath, [join(root, 'bin', 'silolab.js'), 'serve', '--host', '0.0.0.0', '--port', '0', '--no-token'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, SILOLAB_DATA_DIR: folder(), DATABASE_URL: '', SILOLAB_API_TOKEN: '' },
      timeout: 60_000,
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--no-token is allowed only on a loopback host');

    const open = await start({ command: ['serve', '--port', '0', '--no-token'], env: { SILOLAB_API_TOKEN: '' } });
    expect((await call(open.url, 'POST', '/api/runs', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ preset: 'workshop-small', paused: true }) })).status).toBe(201);
  });

  it('generates a token at start-up when none is set, prints it, and accepts only it', async () => {
    const served = await start({ command: ['serve', '--port', '0'], env: { SILOLAB_API_TOKEN: '' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const token = /API token \(generated[^)]*\): (\S+)/.exec(served.output())?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const body = JSON.stringify({ preset: 'workshop-small', paused: true });
    expect((await call(served.url, 'POST', '/api/runs', { headers: authorised, body })).status).toBe(401);
    expect((await call(served.url, 'POST', '/api/runs', { headers: { ...authorised, authorization: `Bearer ${token}` }, body })).status).toBe(201);
  });

  it('answers 429 once a client exceeds the rate limit', async () => {
    const served = await start({ command: ['serve', '--port', '0', '--rate-limit', '10'] });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(served.url, 'POST', '/api/runs/none/pause', { headers: authorised })).status);
    // Two writes a minute (a fifth of 10): the third is refused before it reaches the run manager.
    expect(statuses).toEqual([404, 404, 429, 429]);
    const reads: number[] = [];
    for (let i = 0; i < 12; i++) reads.push((await call(served.url, 'GET', '/api/scenarios')).status);
    expect(reads.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect((await call(served.url, 'GET', '/api/health')).status).toBe(200);
  });
});
