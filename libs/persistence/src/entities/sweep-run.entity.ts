// TypeORM mapping of the `sweep_runs` table: one row per (sweep, run).
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `sweep_runs`. `run_id` has no foreign key: a queued sweep run exists before its run does. */
@Entity({ name: 'sweep_runs' })
export class SweepRunEntity {
  @PrimaryColumn({ name: 'sweep_id', type: 'varchar', length: 255 })
  sweepId!: string;

  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 255 })
  runId!: string;

  @Column({ type: 'text' })
  point!: string;

  @Column({ type: 'integer' })
  replication!: number;

  @Column({ type: 'bigint' })
  seed!: string | number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  digest!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: string;
}
