// Adds the operational-monitoring tables: per-exchange, per-party records of a run, and its counts of what was not kept.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const cascadeToRuns = { columnNames: ['run_id'], referencedTableName: 'runs', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
const at = (name: string) => ({ name, type: 'bigint', isNullable: true });
const bytes = (name: string) => ({ name, type: 'integer', isNullable: true });

/** Creates `opmon_records` and `opmon_runs`, both deleted with their run. */
export class OpmonRecords1796515200000 implements MigrationInterface {
  name = 'OpmonRecords1796515200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'opmon_records',
        columns: [
          { name: 'run_id', type: 'varchar', length: '255', isPrimary: true },
          { name: 'tick', type: 'integer', isPrimary: true },
          { name: 'ordinal', type: 'integer', isPrimary: true },
          { name: 'party', type: 'varchar', length: '64', isPrimary: true },
          { name: 'request_id', type: 'varchar', length: '255' },
          { name: 'requester', type: 'varchar', length: '255' },
          { name: 'owner', type: 'varchar', length: '255' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'protocol', type: 'varchar', length: '32' },
          { name: 'delivery', type: 'varchar', length: '16' },
          at('request_in_at'),
          at('request_out_at'),
          at('response_in_at'),
          at('response_out_at'),
          bytes('request_bytes'),
          bytes('response_bytes'),
          { name: 'messages', type: 'integer' },
          { name: 'fault_code', type: 'varchar', length: '64', isNullable: true },
        ],
        foreignKeys: [{ name: 'FK_opmon_records_run', ...cascadeToRuns }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'opmon_runs',
        columns: [
          { name: 'run_id', type: 'varchar', length: '255', isPrimary: true },
          { name: 'records', type: 'integer' },
          { name: 'exchanges_not_kept', type: 'integer' },
          { name: 'messages_not_kept', type: 'integer' },
        ],
        foreignKeys: [{ name: 'FK_opmon_runs_run', ...cascadeToRuns }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('opmon_runs');
    await queryRunner.dropTable('opmon_records');
  }
}
