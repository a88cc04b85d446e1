// TypeORM mapping of the `seat_decisions` table: one row per request a workshop seat was asked to decide.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `seat_decisions`, keyed by (run, request): a request is decided once. `seq` is the order rows were stored. */
@Entity({ name: 'seat_decisions' })
export class SeatDecisionEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 255 })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  request!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'integer' })
  tick!: number;

  @Column({ type: 'varchar', length: 200 })
  seat!: string;

  /** `person`, or `model` when the timer ran out and the behaviour rule decided. */
  @Column({ name: 'decided_by', type: 'varchar', length: 8 })
  decidedBy!: string;

  /** `share` or `refuse` for a person's decision; null for the model's (the run's ledger holds what it chose). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  decision!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  reason!: string | null;
}
