// Maps between the sweep tables and the plain sweep records.
import { SweepRunEntity } from '../entities/sweep-run.entity';
import { SweepEntity } from '../entities/sweep.entity';
import type { SweepRecord, SweepRunRecord, SweepRunStatus, SweepStatus } from '../records/sweep.record';
import { fromJsonText, toJsonText } from '../validation/json-text';
import { fromBigint } from './bigint';

/** Mapper of {@link SweepRecord} ⇄ {@link SweepEntity}. */
export const sweepMapper = {
  toDomain(entity: SweepEntity): SweepRecord {
    return {
      id: entity.id,
      name: entity.name,
      sweepHash: entity.sweepHash,
      status: entity.status as SweepStatus,
      createdAt: entity.createdAt,
      finishedAt: entity.finishedAt,
      manifest: fromJsonText(entity.manifest),
    };
  },
  toPersistence(record: SweepRecord): SweepEntity {
    const entity = new SweepEntity();
    Object.assign(entity, record, { manifest: toJsonText(record.manifest, `sweep '${record.id}' manifest`) });
    return entity;
  },
};

/** Mapper of {@link SweepRunRecord} ⇄ {@link SweepRunEntity}. */
export const sweepRunMapper = {
  toDomain(entity: SweepRunEntity): SweepRunRecord {
    return {
      sweepId: entity.sweepId,
      runId: entity.runId,
      point: fromJsonText(entity.point),
      replication: entity.replication,
      seed: fromBigint(entity.seed),
      digest: entity.digest,
      status: entity.status as SweepRunStatus,
    };
  },
  toPersistence(record: SweepRunRecord): SweepRunEntity {
    const entity = new SweepRunEntity();
    Object.assign(entity, record, {
      point: toJsonText(record.point, `sweep '${record.sweepId}' run '${record.runId}' point`),
    });
    return entity;
  },
};
