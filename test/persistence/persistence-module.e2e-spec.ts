// PersistenceModule in a real Nest application (in a Nest process: see test/support/nest-harness.cjs for why).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@silolab/persistence';
import { runInNestProcess } from '../support/nest-process';
import type { PersistenceAppObservation } from './support/persistence-app';

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
    const observed = await runInNestProcess<PersistenceAppObservation>(path.join(__dirname, 'support', 'persistence-app.ts'), 'persistenceApp', { sqlitePath }, { env: { DATABASE_URL: '' } });
    expect(observed).toEqual({
      status: 'running',
      metricsIsRepository: true,
      ledgerIsRepository: true,
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
