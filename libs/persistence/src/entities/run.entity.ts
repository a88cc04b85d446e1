// TypeORM mapping of the `runs` table. The schema itself is written by the migrations, never synchronised.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `runs`. JSON is kept as text; `seed` is a bigint (PostgreSQL returns it as a string). */
@Entity({ name: 'runs' })
export class RunEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'scenario_name', type: 'varchar', length: 255 })
  scenarioName!: string;

  @Column({ name: 'scenario_hash', type: 'varchar', length: 255 })
  scenarioHash!: string;

  @Column({ type: 'bigint' })
  seed!: string | number;

  @Column({ type: 'integer' })
  ticks!: number;

  @Column({ type: 'varchar', length: 32 })
  transport!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  delivery!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  digest!: string | null;

  @Column({ name: 'ledger_head', type: 'varchar', length: 255, nullable: true })
  ledgerHead!: string | null;

  @Column({ name: 'wall_time_ms', type: 'double precision', nullable: true })
  wallTimeMs!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'owner_pid', type: 'integer', nullable: true })
  ownerPid!: number | null;

  @Column({ name: 'owner_host', type: 'varchar', length: 255, nullable: true })
  ownerHost!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 32, nullable: true })
  finishedAt!: string | null;

  @Column({ type: 'text' })
  manifest!: string;
}
