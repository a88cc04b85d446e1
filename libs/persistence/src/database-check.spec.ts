import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATABASE_MARKER_SUFFIX } from './database-check';
import { conditionOf, createDataSource } from './data-source';
import { openDatabase } from './open-database';
import { isPersistenceError, PersistenceError } from './persistence.error';
import { backupSqlite } from './sqlite-backup';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A database with runs and enough metrics rows to span many pages, closed (checkpointed into the main file). */
async function storedDatabase(folder: string): Promise<string> {
  const file = path.join(folder, 'silolab.sqlite');
  const db = await openDatabase({ sqlitePath: file });
  for (let r = 0; r < 5; r++) {
    await db.runs.create({ id: `r${r}`, scenarioName: 'probe', scenarioHash: 'a'.repeat(64), seed: 1, ticks: 400, transport: 'inproc', manifest: { note: 'x'.repeat(2000) } });
    await db.metrics.appendTicks(Array.from({ length: 400 }, (_, tick) => ({ runId: `r${r}`, tick, metrics: { sharingRate: tick / 400, siloIndex: 1 - tick / 400 } })));
  }
  await db.close();
  return file;
}

/** Overwrites whole pages (4 KiB) after the first few with fixed pseudo-random bytes. */
function garblePages(file: string, pages: number[]): void {
  const bytes = readFileSync(file);
  for (const page of pages) for (let i = 0; i < 4096; i++) bytes[page * 4096 + i] = (i * 7919 + page * 104729) % 251;
  writeFileSync(file, bytes);
}

async function openError(file: string): Promise<PersistenceError> {
  const error = await openDatabase({ sqlitePath: file }).then(
    async (db) => {
      await db.close();
      return null;
    },
    (e: unknown) => e,
  );
  if (!isPersistenceError(error)) throw new Error(`expected a PersistenceError, got ${String(error)}`);
  return error;
}

describe('opening a SQLite database that is not whole', () => {
  let folder: string;
  let file: string;

  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'silolab-check-'));
    file = await storedDatabase(folder);
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('marks a database it created, and reopens it', async () => {
    expect(existsSync(file + DATABASE_MARKER_SUFFIX)).toBe(true);
    const db = await openDatabase({ sqlitePath: file });
    expect((await db.runs.list()).length).toBe(5);
    await db.close();
  });

  it('refuses a database truncated to 0 bytes instead of starting with no runs', async () => {
    truncateSync(file, 0);
    const error = await openError(file);
    expect(error.code).toBe('DATABASE_MISSING');
    expect(error.message).toContain('is empty (0 bytes), but SiloLab created a database there');
    expect(statSync(file).size).toBe(0);
  });

  it('refuses a deleted database it had created, and explains how to start afresh on purpose', async () => {
    unlinkSync(file);
    const error = await openError(file);
    expect(error.message).toContain(`to start with an empty database on purpose, remove ${file}${DATABASE_MARKER_SUFFIX}`);
    unlinkSync(file + DATABASE_MARKER_SUFFIX);
    const fresh = await openDatabase({ sqlitePath: file });
    expect(await fresh.runs.list()).toEqual([]);
    await fresh.close();
  });

  it.each([
    ['truncated to half', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 2))],
    ['with garbled pages', (f: string) => garblePages(f, [6, 7])],
    ['overwritten with text', (f: string) => writeFileSync(f, 'not a database at all\n'.repeat(500))],
  ])('refuses a database %s, naming the damage and the recovery, and leaves the file as it was', async (_what, damage) => {
    damage(file);
    const before = sha(file);
    const error = await openError(file);
    expect(error.code).toBe('DATABASE_DAMAGED');
    expect(error.message).toMatch(new RegExp(`^the database ${file.replace(/[.]/g, '\\.')} is damaged \\(integrity check: .+\\)\\. Nothing was changed; restore it from a backup`));
    expect(error.message).toContain(`mv ${file} ${file}.damaged`);
    expect(error.message.length).toBeLessThan(1500);
    expect(sha(file)).toBe(before);
  });

  it('notes damage that a query meets after start-up, for health to report', async () => {
    garblePages(file, [6, 7, 8, 9, 10]);
    // Opened without the start-up check, as if the pages were garbled while serving.
    const dataSource = createDataSource({ sqlitePath: file });
    await dataSource.initialize();
    try {
      expect(conditionOf(dataSource).damage).toBeNull();
      await expect(dataSource.query('SELECT count(*), sum(length(metrics)) FROM tick_metrics')).rejects.toThrow();
      expect(conditionOf(dataSource).damage).toMatch(/malformed|not a database/);
    } finally {
      await dataSource.destroy();
    }
  });

  it('backs up a database in use to a checked copy, never overwriting, and refuses to back up damage', async () => {
    const db = await openDatabase({ sqlitePath: file });
    const copy = path.join(folder, 'backups', 'copy.sqlite');
    try {
      await db.runs.create({ id: 'during', scenarioName: 'probe', scenarioHash: 'b'.repeat(64), seed: 1, ticks: 1, transport: 'inproc', manifest: {} });
      const result = await backupSqlite(file, copy);
      expect(result.path).toBe(copy);
      await expect(backupSqlite(file, copy)).rejects.toThrow(/never overwrites/);
    } finally {
      await db.close();
    }
    const restored = await openDatabase({ sqlitePath: copy });
    expect((await restored.runs.list()).map((run) => run.id)).toContain('during');
    await restored.close();
    garblePages(file, [6]);
    await expect(backupSqlite(file, path.join(folder, 'second.sqlite'))).rejects.toMatchObject({ code: 'DATABASE_DAMAGED' });
    expect(existsSync(path.join(folder, 'second.sqlite'))).toBe(false);
  });
});
