// End to end: the orchestrator never starts on a database that lost its data silently. An emptied, half-truncated or
// garbled SQLite file stops `silolab serve` with a message and a recovery hint (no Nest stack trace) and is left as
// it was; `silolab backup` makes a copy it can be restored from; damage met while serving shows in health (503).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorised, startOrchestratorProcess, TEST_API_TOKEN } from '../orchestrator/support/orchestrator-process';

const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'silolab-storage-'));

function silolab(args: string[], dataDir: string) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'silolab.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SILOLAB_DATA_DIR: dataDir, DATABASE_URL: '', SILOLAB_API_TOKEN: TEST_API_TOKEN },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Overwrites whole 4 KiB pages with fixed pseudo-random bytes. */
function garblePages(file: string, first: number, count: number): void {
  const bytes = readFileSync(file);
  for (let page = first; page < first + count; page++) for (let i = 0; i < 4096; i++) bytes[page * 4096 + i] = (i * 7919 + page * 104729) % 251;
  writeFileSync(file, bytes);
}

/** A data folder whose database holds one completed run with its full ledger stored; returns the run id. */
async function servedFolder(name: string): Promise<{ dir: string; id: string }> {
  const dir = join(work, name);
  const served = await startOrchestratorProcess(dir);
  try {
    const started = await fetch(`${served.url}/api/runs`, { method: 'POST', headers: authorised, body: JSON.stringify({ preset: 'workshop-small', ticks: 60, ticksPerSecond: 0, storeLedger: true }) });
    const { id } = (await started.json()) as { id: string };
    for (let wait = 0; wait < 600; wait++) {
      const run = (await (await fetch(`${served.url}/api/runs/${id}`)).json()) as { status: string };
      if (run.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { dir, id };
  } finally {
    await served.kill('SIGTERM');
  }
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('silolab serve on a damaged database', () => {
  let stored: { dir: string; id: string };
  let database: string;
  let backup: string;

  beforeAll(async () => {
    stored = await servedFolder('stored');
    database = join(stored.dir, 'silolab.sqlite');
    backup = join(work, 'backup.sqlite');
    const result = silolab(['backup', backup], stored.dir);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('integrity checked') });
  });

  /** What docs/persistence.md says to do: the backup over the database, its -wal and -shm removed. */
  const restore = () => {
    copyFileSync(backup, database);
    rmSync(`${database}-wal`, { force: true });
    rmSync(`${database}-shm`, { force: true });
  };

  const damaged: Array<[string, (file: string) => void, RegExp]> = [
    ['emptied (0 bytes)', (file) => truncateSync(file, 0), /is empty \(0 bytes\), but SiloLab created a database there/],
    ['half-truncated', (file) => truncateSync(file, Math.floor(statSync(file).size / 2)), /is damaged \(integrity check: /],
    ['garbled in one page', (file) => garblePages(file, 20, 1), /is damaged \(integrity check: /],
  ];

  it.each(damaged)('refuses to start on a database %s, says how to recover, and leaves it as it was', (_what, damage, message) => {
    restore();
    damage(database);
    const before = readFileSync(database);
    const result = silolab(['serve', '--port', '0'], stored.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/backup/);
    expect(result.stderr).not.toMatch(/\[Nest\]|\n\s+at /);
    expect(result.stdout).not.toContain('listening on');
    expect(readFileSync(database).equals(before)).toBe(true);
  });

  it('starts again with every run once the backup is copied back', async () => {
    restore();
    const served = await startOrchestratorProcess(stored.dir);
    try {
      const run = (await (await fetch(`${served.url}/api/runs/${stored.id}`)).json()) as { status: string };
      expect(run.status).toBe('completed');
    } finally {
      await served.kill('SIGTERM');
    }
  });

  it('answers 503 and reports the database down in health when a request meets a page damaged while serving', async () => {
    restore();
    const served = await startOrchestratorProcess(stored.dir);
    try {
      expect((await fetch(`${served.url}/api/health`)).status).toBe(200);
      const pages = Math.floor(statSync(database).size / 4096);
      garblePages(database, Math.floor(pages / 3), Math.floor(pages / 3));
      const statuses: number[] = [];
      for (let fromSeq = 0; fromSeq < 40_000; fromSeq += 10_000) {
        statuses.push((await fetch(`${served.url}/api/runs/${stored.id}/ledger?fromSeq=${fromSeq}&limit=10000`)).status);
      }
      expect(statuses).toContain(503);
      expect(statuses).not.toContain(500);
      const health = await fetch(`${served.url}/api/health`);
      expect(health.status).toBe(503);
      expect(((await health.json()) as { error: { database: { status: string; message: string } } }).error.database).toMatchObject({ status: 'down', message: expect.stringMatching(/^damaged: /) });
    } finally {
      await served.kill('SIGKILL');
    }
  });
});
