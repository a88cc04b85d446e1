// End to end: `silolab serve --scenario` starts the orchestrator and a run; on either transport the run completes with
// the digest `silolab run` gives for the same preset (redis: on the Redis that jest's global set-up starts).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrchestratorProcess, type OrchestratorProcess } from './support/orchestrator-process';

const root = join(__dirname, '..', '..');

interface ServedRun {
  id: string;
  status: string;
  digest: string | null;
  transport: string;
  delivery: string | null;
}

async function waitForFinishedRun(url: string, timeoutMs = 300_000): Promise<ServedRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = (await (await fetch(`${url}/api/runs`)).json()) as ServedRun[];
    if (runs.length === 1 && runs[0].status !== 'running') return runs[0];
    if (Date.now() > deadline) throw new Error(`the served run did not finish: ${JSON.stringify(runs)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('silolab serve', () => {
  let expectedDigest: string;
  let served: OrchestratorProcess | null = null;
  const folders: string[] = [];

  beforeAll(() => {
    const summary = execFileSync(process.execPath, [join(root, 'bin', 'silolab.js'), 'run', 'workshop-small', '--json', '--no-progress'], { cwd: root, encoding: 'utf8' });
    expectedDigest = JSON.parse(summary).digest;
  });

  afterEach(async () => {
    await served?.kill('SIGTERM');
    served = null;
  });

  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  const transports: Array<[string, string[], string | null]> = [
    ['inproc', [], null],
    ['redis', ['--transport', 'redis', '--delivery', 'tick'], 'tick'],
  ];

  it.each(transports)('starts a run of the preset on the %s transport that completes with the digest of silolab run', async (transport, flags, delivery) => {
    const folder = mkdtempSync(join(tmpdir(), 'silolab-serve-'));
    folders.push(folder);
    served = await startOrchestratorProcess(folder, {
      command: ['serve', '--port', '0', '--scenario', 'workshop-small', '--ticks-per-second', '0', ...flags],
      env: transport === 'redis' ? { REDIS_URL: process.env.REDIS_URL_TEST ?? '' } : {},
    });
    expect(served.output()).toContain('listening on http://');
    const run = await waitForFinishedRun(served.url);
    expect(run).toMatchObject({ status: 'completed', transport, delivery, digest: expectedDigest });
  }, 400_000);

  it('exits with code 2 naming the presets when --scenario names none, closing the server it had started', () => {
    const folder = mkdtempSync(join(tmpdir(), 'silolab-serve-'));
    folders.push(folder);
    const result = spawnSync(process.execPath, [join(root, 'bin', 'silolab.js'), 'serve', '--port', '0', '--scenario', 'no-such-preset'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, SILOLAB_DATA_DIR: folder, DATABASE_URL: '' },
      timeout: 120_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--scenario no-such-preset: unknown preset "no-such-preset"; expected one of');
    expect(result.stderr).toContain('workshop-small');
  });
});
