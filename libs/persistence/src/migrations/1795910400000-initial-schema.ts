// First schema: runs, tick metrics, ledger heads and rows, sweeps and their runs. Written with the QueryRunner's
// Table API (not raw SQL) so one migration serves SQLite and PostgreSQL; JSON columns are text, times are ISO text.
import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const key = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '255',
  ...extra,
});
const nullableKey = (name: string): TableColumnOptions => key(name, { isNullable: true });
const integer = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'integer',
  ...extra,
});
const timestamp = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '32',
  isNullable,
});
const cascadeToRuns = { columnNames: ['run_id'], referencedTableName: 'runs', referencedColumnNames: ['id'], onDelete: 'CASCADE' };

/** Creates every table of the first schema, with its keys and indexes. */
export class InitialSchema1795910400000 implements MigrationInterface {
  // TypeORM reads the timestamp from the name's last 13 digits; set it explicitly so minified class names still work.
  name = 'InitialSchema1795910400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'runs',
        columns: [
          key('id', { isPrimary: true }),
          { name: 'status', type: 'varchar', length: '16' },
          key('scenario_name'),
          key('scenario_hash'),
          { name: 'seed', type: 'bigint' },
          integer('ticks'),
          { name: 'transport', type: 'varchar', length: '32' },
          { name: 'delivery', type: 'varchar', length: '32', isNullable: true },
          nullableKey('digest'),
          nullableKey('ledger_head'),
          { name: 'wall_time_ms', type: 'double precision', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          integer('owner_pid', { isNullable: true }),
          nullableKey('owner_host'),
          timestamp('created_at'),
          timestamp('finished_at', true),
          { name: 'manifest', type: 'text' },
        ],
        indices: [
          { name: 'IDX_runs_created_at', columnNames: ['created_at'] },
          { name: 'IDX_runs_status', columnNames: ['status'] },
        ],
      }),
    );

    // The composite primary keys are the unique (run, tick) and (run, seq) indexes that make appends idempotent.
    await queryRunner.createTable(
      new Table({
        name: 'tick_metrics',
        columns: [key('run_id', { isPrimary: true }), integer('tick', { isPrimary: true }), { name: 'metrics', type: 'text' }],
        foreignKeys: [{ name: 'FK_tick_metrics_run', ...cascadeToRuns }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'ledger_heads',
        columns: [key('run_id', { isPrimary: true }), integer('tick', { isPrimary: true }), key('head'), integer('records')],
        foreignKeys: [{ name: 'FK_ledger_heads_run', ...cascadeToRuns }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'ledger_rows',
        columns: [
          key('run_id', { isPrimary: true }),
          { name: 'seq', type: 'bigint', isPrimary: true },
          integer('tick'),
          key('request_id'),
          key('requester'),
          key('owner'),
          key('dataset'),
          key('purpose'),
          key('decision'),
          key('reason'),
          nullableKey('category'),
          { name: 'transformed', type: 'boolean' },
          nullableKey('payload_digest'),
          key('prev_hash'),
          key('hash'),
        ],
        indices: [{ name: 'IDX_ledger_rows_run_tick', columnNames: ['run_id', 'tick'] }],
        foreignKeys: [{ name: 'FK_ledger_rows_run', ...cascadeToRuns }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sweeps',
        columns: [
          key('id', { isPrimary: true }),
          key('name'),
          key('sweep_hash'),
          { name: 'status', type: 'varchar', length: '16' },
          timestamp('created_at'),
          timestamp('finished_at', true),
          { name: 'manifest', type: 'text' },
        ],
        indices: [{ name: 'IDX_sweeps_created_at', columnNames: ['created_at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sweep_runs',
        columns: [
          key('sweep_id', { isPrimary: true }),
          key('run_id', { isPrimary: true }),
          { name: 'point', type: 'text' },
          integer('replication'),
          { name: 'seed', type: 'bigint' },
          nullableKey('digest'),
          { name: 'status', type: 'varchar', length: '16' },
        ],
        indices: [{ name: 'IDX_sweep_runs_run_id', columnNames: ['run_id'] }],
        foreignKeys: [
          {
            name: 'FK_sweep_runs_sweep',
            columnNames: ['sweep_id'],
            referencedTableName: 'sweeps',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['sweep_runs', 'sweeps', 'ledger_rows', 'ledger_heads', 'tick_metrics', 'runs']) {
      await queryRunner.dropTable(table, true);
    }
  }
}
