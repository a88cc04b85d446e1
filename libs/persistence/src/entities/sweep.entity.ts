// TypeORM mapping of the `sweeps` table.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `sweeps`. */
@Entity({ name: 'sweeps' })
export class SweepEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'sweep_hash', type: 'varchar', length: 255 })
  sweepHash!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 32, nullable: true })
  finishedAt!: string | null;

  @Column({ type: 'text' })
  manifest!: string;
}
