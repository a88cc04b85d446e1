// Maps between the ledger tables and the ledger's records: chain heads, and provenance LedgerRecords.
import type { LedgerRecord } from '@silolab/provenance';
import { LedgerHeadEntity } from '../entities/ledger-head.entity';
import { LedgerRowEntity } from '../entities/ledger-row.entity';
import type { LedgerHeadRecord } from '../records/ledger.record';
import { fromBigint } from './bigint';

/** Mapper of {@link LedgerHeadRecord} ⇄ {@link LedgerHeadEntity}. */
export const ledgerHeadMapper = {
  toDomain(entity: LedgerHeadEntity): LedgerHeadRecord {
    return { runId: entity.runId, tick: entity.tick, head: entity.head, records: entity.records };
  },
  toPersistence(record: LedgerHeadRecord): LedgerHeadEntity {
    return Object.assign(new LedgerHeadEntity(), {
      runId: record.runId,
      tick: record.tick,
      head: record.head,
      records: record.records,
    });
  },
};

/** Mapper of a provenance {@link LedgerRecord} of stored run `runId` ⇄ {@link LedgerRowEntity}. */
export const ledgerRowMapper = {
  toDomain(entity: LedgerRowEntity): LedgerRecord {
    return {
      seq: fromBigint(entity.seq),
      prevHash: entity.prevHash,
      run: entity.ledgerRun,
      tick: entity.tick,
      requestId: entity.requestId,
      requester: entity.requester,
      owner: entity.owner,
      dataset: entity.dataset,
      purpose: entity.purpose,
      decision: entity.decision as LedgerRecord['decision'],
      reason: entity.reason,
      category: entity.category as LedgerRecord['category'],
      // SQLite has no boolean type: TypeORM maps the stored 0/1 back, but raw reads may still see a number.
      transformed: Boolean(entity.transformed),
      payloadDigest: entity.payloadDigest,
      hash: entity.hash,
    };
  },
  toPersistence(runId: string, record: LedgerRecord): LedgerRowEntity {
    return Object.assign(new LedgerRowEntity(), {
      runId,
      ledgerRun: record.run,
      seq: record.seq,
      tick: record.tick,
      requestId: record.requestId,
      requester: record.requester,
      owner: record.owner,
      dataset: record.dataset,
      purpose: record.purpose,
      decision: record.decision,
      reason: record.reason,
      category: record.category,
      transformed: record.transformed,
      payloadDigest: record.payloadDigest,
      prevHash: record.prevHash,
      hash: record.hash,
    });
  },
};
