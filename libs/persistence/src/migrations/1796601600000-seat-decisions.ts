// Workshop decisions stored with their run, as they are made, so a session's export reads them back after a restart
// and a seated run whose orchestrator died is resumed by replaying them (issue 11).
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Creates `seat_decisions`: (run, request) is the key, so a request cannot be decided twice. */
export class SeatDecisions1796601600000 implements MigrationInterface {
  name = 'SeatDecisions1796601600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'seat_decisions',
        columns: [
          { name: 'run_id', type: 'varchar', length: '255', isPrimary: true },
          { name: 'request', type: 'varchar', length: '200', isPrimary: true },
          { name: 'seq', type: 'integer' },
          { name: 'tick', type: 'integer' },
          { name: 'seat', type: 'varchar', length: '200' },
          { name: 'decided_by', type: 'varchar', length: '8' },
          { name: 'decision', type: 'varchar', length: '8', isNullable: true },
          { name: 'reason', type: 'varchar', length: '16', isNullable: true },
        ],
        indices: [{ name: 'IDX_seat_decisions_run_seq', columnNames: ['run_id', 'seq'], isUnique: true }],
        foreignKeys: [{ columnNames: ['run_id'], referencedTableName: 'runs', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('seat_decisions', true);
  }
}
