// Drops the `sweeps` and `sweep_runs` tables of the first schema: nothing ever wrote them. Sweeps live in their
// folders (manifest.json, journal, runs.csv / .parquet), which is what researchers read and `--resume` needs; the
// orchestrator serves live runs, not sweeps (docs/architecture.md, "Stored sweeps").
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Removes the unused sweep tables. */
export class DropSweeps1796428800000 implements MigrationInterface {
  name = 'DropSweeps1796428800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sweep_runs', true);
    await queryRunner.dropTable('sweeps', true);
  }

  /** Nothing to restore: the tables never held data, and reverting InitialSchema drops them only if they exist. */
  async down(): Promise<void> {}
}
