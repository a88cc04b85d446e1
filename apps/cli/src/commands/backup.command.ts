// `silolab backup [file]`: a consistent, checked copy of the SQLite database, taken while the orchestrator runs.
import { join, dirname } from 'node:path';
import type { Command } from 'commander';

/** `silolab-2026-01-02T03-04-05.sqlite` in a `backups` folder next to the database. */
function defaultBackupPath(database: string, now: Date): string {
  return join(dirname(database), 'backups', `silolab-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.sqlite`);
}

/** Registers `silolab backup`. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description("copy the SQLite database (runs, metrics, ledgers) while it is in use, and check the copy; PostgreSQL: use pg_dump")
    .argument('[file]', 'where to write the copy (default: backups/silolab-<time>.sqlite next to the database); never overwritten')
    .option('--database <file>', 'the SQLite database (default: $SILOLAB_DATA_DIR/silolab.sqlite or data/silolab.sqlite)')
    .addHelpText('after', '\nRestore: stop the orchestrator, then copy the backup over the database file and delete its -wal and -shm files (docs/persistence.md#backups).')
    .action(async (file: string | undefined, options: { database?: string }) => {
      // Loaded here: TypeORM and better-sqlite3 are needed by this verb and serve only.
      const { backupSqlite, isPersistenceError, resolveDatabaseTarget } = await import('@silolab/persistence');
      const target = resolveDatabaseTarget(options.database ? { sqlitePath: options.database } : {});
      if (target.type === 'postgres') {
        process.stderr.write('silolab backup: the database is PostgreSQL (DATABASE_URL); back it up with pg_dump, e.g. pg_dump --format=custom "$DATABASE_URL" > silolab.dump\n');
        process.exitCode = 2;
        return;
      }
      try {
        const result = await backupSqlite(target.path, file ?? defaultBackupPath(target.path, new Date()));
        process.stdout.write(`backed up ${target.path} to ${result.path} (${result.pages} pages, ${result.bytes.toLocaleString('en')} bytes; integrity checked)\n`);
      } catch (error) {
        if (!isPersistenceError(error)) throw error;
        process.stderr.write(`silolab backup: ${error.message}\n`);
        process.exitCode = error.code === 'DATABASE_DAMAGED' ? 1 : 2;
      }
    });
}
