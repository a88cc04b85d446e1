// Stores the provenance ledger: chain heads per tick, and full rows where a run keeps its whole ledger.
import { MoreThanOrEqual, type DataSource } from 'typeorm';
import { LedgerHeadEntity } from '../entities/ledger-head.entity';
import { LedgerRowEntity } from '../entities/ledger-row.entity';
import { ledgerHeadMapper, ledgerRowMapper } from '../mappers/ledger.mapper';
import type { LedgerRecord } from '@silolab/provenance';
import type { LedgerHeadRecord } from '../records/ledger.record';
import { requireArray, requireInteger, requireKey } from '../validation/fields';
import { validateLedgerHead, validateLedgerRow } from '../validation/ledger.validation';
import { appendKeyed, type AppendResult, type KeyedTable } from './keyed-append';
import { requireRunsExist } from './require-runs';
import { writeTransaction } from './write-transaction';

const HEADS_TABLE: KeyedTable<LedgerHeadEntity> = {
  entity: LedgerHeadEntity,
  numberProperty: 'tick',
  label: 'ledger head',
  fingerprint: (entity) => `${entity.head} ${entity.records}`,
  rowsPerInsert: 1000,
};

// The hash covers every other field of the row (DESIGN.md §6), so equal hashes mean equal rows.
const ROWS_TABLE: KeyedTable<LedgerRowEntity> = {
  entity: LedgerRowEntity,
  numberProperty: 'seq',
  label: 'ledger row',
  fingerprint: (entity) => entity.hash,
  rowsPerInsert: 500,
};

/** Largest page {@link LedgerRepository.rows} returns. */
export const MAX_LEDGER_PAGE = 10_000;

/** Ledger heads and rows of runs. Appends are transactional and idempotent on (run, tick) and (run, seq). */
export class LedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends chain heads; same semantics and errors as `MetricsRepository.appendTicks`. */
  async appendHeads(records: readonly LedgerHeadRecord[]): Promise<AppendResult> {
    requireArray(records, 'appending ledger heads');
    const entities = records.map((record, index) => ledgerHeadMapper.toPersistence(validateLedgerHead(record, index)));
    return this.append(HEADS_TABLE, entities, 'appending ledger heads');
  }

  /**
   * Appends ledger records of stored run `runId` in batches inside one transaction. A record already stored with the
   * same hash is skipped; a different hash under a stored (run, seq) throws CONFLICTING_RECORD and nothing of the
   * batch is written.
   */
  async appendRows(runId: string, records: readonly LedgerRecord[]): Promise<AppendResult> {
    requireArray(records, 'appending ledger rows');
    const entities = records.map((record, index) => ledgerRowMapper.toPersistence(runId, validateLedgerRow(runId, record, index)));
    return this.append(ROWS_TABLE, entities, 'appending ledger rows');
  }

  /** The run's chain heads in tick order. */
  async heads(runId: string): Promise<LedgerHeadRecord[]> {
    const entities = await this.dataSource.manager.find(LedgerHeadEntity, {
      where: { runId: requireKey(runId, 'run id') },
      order: { tick: 'ASC' },
    });
    return entities.map(ledgerHeadMapper.toDomain);
  }

  /**
   * Up to `limit` (≤ {@link MAX_LEDGER_PAGE}) of the run's ledger records with `seq ≥ fromSeq`, in chain order: the
   * records as the run chained them (its ledger.ndjson lines), so they verify and export as they are.
   */
  async rows(runId: string, fromSeq = 0, limit = 1000): Promise<LedgerRecord[]> {
    const entities = await this.dataSource.manager.find(LedgerRowEntity, {
      where: { runId: requireKey(runId, 'run id'), seq: MoreThanOrEqual(requireInteger(fromSeq, 'fromSeq')) },
      order: { seq: 'ASC' },
      take: Math.min(requireInteger(limit, 'ledger page limit', 1), MAX_LEDGER_PAGE),
    });
    return entities.map(ledgerRowMapper.toDomain);
  }

  private async append<E extends LedgerHeadEntity | LedgerRowEntity>(
    table: KeyedTable<E>,
    entities: E[],
    what: string,
  ): Promise<AppendResult> {
    if (entities.length === 0) return { inserted: 0, skipped: 0 };
    return writeTransaction(this.dataSource, async (manager) => {
      await requireRunsExist(manager, entities.map((entity) => entity.runId), what);
      return appendKeyed(manager, table, entities);
    });
  }
}
