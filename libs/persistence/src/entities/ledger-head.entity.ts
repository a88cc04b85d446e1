// TypeORM mapping of the `ledger_heads` table: the chain head after each tick.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `ledger_heads`. */
@Entity({ name: 'ledger_heads' })
export class LedgerHeadEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 255 })
  runId!: string;

  @PrimaryColumn({ type: 'integer' })
  tick!: number;

  @Column({ type: 'varchar', length: 255 })
  head!: string;

  @Column({ type: 'integer' })
  records!: number;
}
