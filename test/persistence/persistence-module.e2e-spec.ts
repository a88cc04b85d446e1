// PersistenceModule in a real Nest application (in a child process: see nest-app.harness.cjs for why).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@silolab/persistence';

describe('PersistenceModule', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'silolab-nest-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('provides the repositories to a Nest app, migrates the database on start and closes it when the app closes', async () => {
    const sqlitePath = path.join(folder, 'silolab.sqlite');
    const output = execFileSync(process.execPath, [path.join(__dirname, 'nest-app.harness.cjs'), sqlitePath], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
    });
    expect(JSON.parse(output.trim().split('\n').pop() ?? '')).toEqual({
      status: 'running',
      metricsIsRepository: true,
      ledgerIsRepository: true,
      sweepsIsRepository: true,
      openBeforeClose: true,
      openAfterClose: false,
    });

    const db = await openDatabase({ sqlitePath });
    try {
      expect((await db.runs.get('nest-run'))?.scenarioName).toBe('baseline-silos');
    } finally {
      await db.close();
    }
  });
});
