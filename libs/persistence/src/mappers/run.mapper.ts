// Maps between the `runs` row and the plain RunRecord.
import { RunEntity } from '../entities/run.entity';
import type { RunRecord, RunStatus } from '../records/run.record';
import { fromJsonText, toJsonText } from '../validation/json-text';
import { fromBigint } from './bigint';

/** Mapper of {@link RunRecord} ⇄ {@link RunEntity}. */
export const runMapper = {
  toDomain(entity: RunEntity): RunRecord {
    return {
      id: entity.id,
      status: entity.status as RunStatus,
      scenarioName: entity.scenarioName,
      scenarioHash: entity.scenarioHash,
      seed: fromBigint(entity.seed),
      ticks: entity.ticks,
      transport: entity.transport,
      delivery: entity.delivery,
      digest: entity.digest,
      ledgerHead: entity.ledgerHead,
      wallTimeMs: entity.wallTimeMs === null ? null : Number(entity.wallTimeMs),
      error: entity.error,
      ownerPid: entity.ownerPid,
      ownerHost: entity.ownerHost,
      createdAt: entity.createdAt,
      finishedAt: entity.finishedAt,
      manifest: fromJsonText(entity.manifest),
    };
  },

  /** Serialises the manifest; throws INVALID_RECORD if it is not plain JSON. */
  toPersistence(record: RunRecord): RunEntity {
    const entity = new RunEntity();
    Object.assign(entity, record, { manifest: toJsonText(record.manifest, `run '${record.id}' manifest`) });
    return entity;
  },
};
