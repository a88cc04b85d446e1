// End to end: `silolab serve --scenario` starts the orchestrator and a run; on either transport the run completes with
// the digest `silolab run` gives for the same preset (redis: on the Redis that jest's global set-up starts).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '@silolab/engine';
import { loadScenarioFile } from '@silolab/runner';
import { readCsv, readParquet } from '../research/support/tables';
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

/** `silolab export opmon` of a served redis run, once the run has stored them: the same records as CSV and as Parquet. */
async function expectOpmonExports(runId: string, database: string, folder: string): Promise<void> {
  const exportOpmon = (...flags: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'silolab.js'), 'export', 'opmon', runId, '--database', database, ...flags], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  // The records are stored when the run's thread has shut its services down, just after the run completed.
  let csv = exportOpmon('--out', join(folder, 'opmon.csv'));
  for (let attempt = 0; csv.status !== 0 && attempt < 60; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    csv = exportOpmon('--out', join(folder, 'opmon.csv'));
  }
  expect(csv.stderr).toBe('');
  const rows = readCsv(join(folder, 'opmon.csv'));
  const parquet = exportOpmon('--format', 'parquet', '--out', join(folder, 'opmon.parquet'));
  expect(parquet.status).toBe(0);
  const table = readParquet(join(folder, 'opmon.parquet'));
  expect(table.length).toBe(rows.length);
  // Every exchange of the run (fewer than the 5,000 a run keeps records of), at each party it visited.
  const { exchanges } = await runSimulation(loadScenarioFile('workshop-small').scenario, { onTick: () => undefined });
  expect(exchanges).toBeLessThan(5000);
  expect(new Set(rows.map((row) => `${row.tick}|${row.ordinal}`)).size).toBe(exchanges);
  expect(new Set(rows.map((row) => row.role))).toEqual(new Set(['orchestrator', 'requester', 'hub', 'owner']));
  for (const [k, row] of rows.entries()) {
    expect(table[k]).toMatchObject({ tick: Number(row.tick), ordinal: Number(row.ordinal), party: row.party, requestInAt: row.requestInAt === '' ? null : Number(row.requestInAt), messages: Number(row.messages) });
  }
  expect(exportOpmon('--format', 'parquet').status).toBe(2);
  expect(exportOpmon('--format', 'xml').stderr).toContain('expected one of csv, parquet');
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
    if (transport === 'redis') await expectOpmonExports(run.id, join(folder, 'silolab.sqlite'), folder);
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
