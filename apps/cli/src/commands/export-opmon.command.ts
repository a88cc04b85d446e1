// `silolab export opmon <run>`: a stored run's opmon records (one per exchange and party) as CSV or Parquet.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { OPMON_COLUMNS, opmonCsv, opmonRow } from '@silolab/runner';
import { oneOf } from '../options';

interface ExportOpmonOptions {
  format: 'csv' | 'parquet';
  out?: string;
  database?: string;
}

/** Registers `silolab export opmon` under `exporter`. */
export function registerExportOpmon(exporter: Command): void {
  exporter
    .command('opmon')
    .description('operational-monitoring records of a stored run (redis transport): one per exchange and party, with the times each message came in and went out and its size')
    .argument('<run>', 'the run id (as `silolab serve` and GET /api/runs name it)')
    .option('--format <format>', 'csv or parquet', oneOf('csv', 'parquet'), 'csv')
    .option('--out <file>', 'write here (all or nothing) instead of stdout; required for parquet')
    .option('--database <file>', 'the SQLite database (default: DATABASE_URL, else $SILOLAB_DATA_DIR/silolab.sqlite or data/silolab.sqlite)')
    .action(async (runId: string, options: ExportOpmonOptions) => {
      const fail = (message: string, code: number) => {
        process.stderr.write(`silolab export opmon: ${message}\n`);
        process.exitCode = code;
      };
      if (options.format === 'parquet' && !options.out) return fail('--format parquet needs --out <file> (Parquet is not written to a terminal)', 2);
      // Loaded here: TypeORM and the Parquet writer are needed by this verb only.
      const { isPersistenceError, openDatabase } = await import('@silolab/persistence');
      let opmon;
      try {
        const db = await openDatabase(options.database ? { sqlitePath: options.database } : {});
        try {
          if (!(await db.runs.get(runId))) return fail(`no run ${JSON.stringify(runId)} in the database`, 2);
          opmon = await db.opmon.get(runId);
        } finally {
          await db.close();
        }
      } catch (error) {
        if (!isPersistenceError(error)) throw error;
        return fail(error.message, 2);
      }
      if (!opmon) return fail(`run ${runId} has no opmon records: they are collected for runs over the redis transport, when the run ends`, 1);
      if (opmon.exchangesNotKept > 0 || opmon.messagesNotKept > 0) {
        process.stderr.write(`silolab export opmon: run ${runId} kept records of its first exchanges only: ${opmon.exchangesNotKept} exchanges and ${opmon.messagesNotKept} messages not kept\n`);
      }
      if (!options.out) return void process.stdout.write(opmonCsv(opmon.records));
      const partial = `${options.out}.partial-${process.pid}`;
      try {
        if (options.format === 'csv') {
          writeFileSync(partial, opmonCsv(opmon.records));
          renameSync(partial, options.out);
        } else {
          const { openParquetTable } = await import('@silolab/experiments');
          const table = await openParquetTable(options.out, [...OPMON_COLUMNS], 16384, { exchangesNotKept: String(opmon.exchangesNotKept), messagesNotKept: String(opmon.messagesNotKept) });
          for (const record of opmon.records) table.append(opmonRow(record));
          table.close();
        }
      } catch (error) {
        return fail(`--out ${options.out}: ${(error as Error).message}`, 2);
      } finally {
        rmSync(partial, { force: true });
      }
    });
}
