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

/**
 * Mapper of a provenance {@link LedgerRecord} of stored run `runId` ⇄ {@link LedgerRowEntity}: the columns are the
 * record's fields (validated with the ledger's own rules before they are written), its `run` is `ledgerRun`.
 */
export const ledgerRowMapper = {
  toDomain(entity: LedgerRowEntity): LedgerRecord {
    const { runId: _storedRun, ledgerRun, seq, transformed, ...fields } = entity;
    // SQLite has no boolean type: TypeORM maps the stored 0/1 back, but raw reads may still see a number.
    return { ...fields, run: ledgerRun, seq: fromBigint(seq), transformed: Boolean(transformed) } as LedgerRecord;
  },
  toPersistence(runId: string, record: LedgerRecord): LedgerRowEntity {
    const { run, ...fields } = record;
    return Object.assign(new LedgerRowEntity(), fields, { runId, ledgerRun: run });
  },
};
