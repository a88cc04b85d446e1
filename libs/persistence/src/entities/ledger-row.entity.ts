// TypeORM mapping of the `ledger_rows` table: the full ledger, kept where a scenario asks for it.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Row of `ledger_rows`: one provenance `LedgerRecord` (@silolab/provenance) of a stored run. `runId` is the stored run it belongs to;
 * `ledgerRun` is the record's own `run` field (the engine's run id, covered by the hash). `seq` is a bigint
 * (PostgreSQL returns it as a string).
 */
@Entity({ name: 'ledger_rows' })
export class LedgerRowEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 255 })
  runId!: string;

  @Column({ name: 'ledger_run', type: 'varchar', length: 255 })
  ledgerRun!: string;

  @PrimaryColumn({ type: 'bigint' })
  seq!: string | number;

  @Column({ type: 'integer' })
  tick!: number;

  @Column({ name: 'request_id', type: 'varchar', length: 255 })
  requestId!: string;

  @Column({ type: 'varchar', length: 255 })
  requester!: string;

  @Column({ type: 'varchar', length: 255 })
  owner!: string;

  @Column({ type: 'varchar', length: 255 })
  dataset!: string;

  @Column({ type: 'varchar', length: 255 })
  purpose!: string;

  @Column({ type: 'varchar', length: 255 })
  decision!: string;

  @Column({ type: 'varchar', length: 255 })
  reason!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  category!: string | null;

  @Column({ type: 'boolean' })
  transformed!: boolean;

  @Column({ name: 'payload_digest', type: 'varchar', length: 255, nullable: true })
  payloadDigest!: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 255 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 255 })
  hash!: string;
}
