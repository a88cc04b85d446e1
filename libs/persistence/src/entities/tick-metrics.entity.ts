// TypeORM mapping of the `tick_metrics` table: one row per (run, tick).
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `tick_metrics`; `metrics` is a JSON object with sorted keys. */
@Entity({ name: 'tick_metrics' })
export class TickMetricsEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 255 })
  runId!: string;

  @PrimaryColumn({ type: 'integer' })
  tick!: number;

  @Column({ type: 'text' })
  metrics!: string;
}
