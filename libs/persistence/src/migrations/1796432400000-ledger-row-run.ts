// Stores the ledger's own run id (`run`, e.g. `8e1f0c2b7a9d-s7`) in each ledger row: the record hash covers it, so
// without it a stored ledger could not be verified or exported as the ledger.ndjson its run wrote.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Adds `ledger_rows.ledger_run`; rows stored before get the id the engine gave their run (scenario hash and seed). */
export class LedgerRowRun1796432400000 implements MigrationInterface {
  name = 'LedgerRowRun1796432400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('ledger_rows', new TableColumn({ name: 'ledger_run', type: 'varchar', length: '255', default: "''" }));
    // The engine names a run `<first 12 hex of the scenario hash>-s<seed>` (Simulation.run); rows written before this
    // column existed belong to the runs table's run of the same run_id.
    await queryRunner.query(
      `UPDATE ledger_rows SET ledger_run = (SELECT substr(runs.scenario_hash, 1, 12) || '-s' || runs.seed FROM runs WHERE runs.id = ledger_rows.run_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('ledger_rows', 'ledger_run');
  }
}
