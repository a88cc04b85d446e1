// TypeORM mapping of the `opmon_records` and `opmon_runs` tables: a run's operational-monitoring records (one per
// exchange and party) and what its cap left out.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `opmon_records`: one exchange as one party handled it (times in epoch ms). */
@Entity({ name: 'opmon_records' })
export class OpmonRecordEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 255 })
  runId!: string;

  @PrimaryColumn({ type: 'integer' })
  tick!: number;

  @PrimaryColumn({ type: 'integer' })
  ordinal!: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  party!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 255 })
  requestId!: string;

  @Column({ type: 'varchar', length: 255 })
  requester!: string;

  @Column({ type: 'varchar', length: 255 })
  owner!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: string;

  @Column({ type: 'varchar', length: 32 })
  protocol!: string;

  @Column({ type: 'varchar', length: 16 })
  delivery!: string;

  @Column({ name: 'request_in_at', type: 'bigint', nullable: true })
  requestInAt!: string | number | null;

  @Column({ name: 'request_out_at', type: 'bigint', nullable: true })
  requestOutAt!: string | number | null;

  @Column({ name: 'response_in_at', type: 'bigint', nullable: true })
  responseInAt!: string | number | null;

  @Column({ name: 'response_out_at', type: 'bigint', nullable: true })
  responseOutAt!: string | number | null;

  @Column({ name: 'request_bytes', type: 'integer', nullable: true })
  requestBytes!: number | null;

  @Column({ name: 'response_bytes', type: 'integer', nullable: true })
  responseBytes!: number | null;

  @Column({ type: 'integer' })
  messages!: number;

  @Column({ name: 'fault_code', type: 'varchar', length: 64, nullable: true })
  faultCode!: string | null;
}

/** Row of `opmon_runs`: how many records a run stored, and what its caps left out. */
@Entity({ name: 'opmon_runs' })
export class OpmonRunEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 255 })
  runId!: string;

  @Column({ type: 'integer' })
  records!: number;

  @Column({ name: 'exchanges_not_kept', type: 'integer' })
  exchangesNotKept!: number;

  @Column({ name: 'messages_not_kept', type: 'integer' })
  messagesNotKept!: number;
}
