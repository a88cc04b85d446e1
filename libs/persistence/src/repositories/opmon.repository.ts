// Stores a run's opmon records once, when the run's transport has collected them; reads them back in order.
import type { DataSource } from 'typeorm';
import { OpmonRecordEntity, OpmonRunEntity } from '../entities/opmon-record.entity';
import { fromBigint } from '../mappers/bigint';
import type { OpmonRecordData, StoredOpmon } from '../records/opmon.record';
import { MAX_INT32, requireArray, requireInteger, requireKey } from '../validation/fields';
import { requireRunsExist } from './require-runs';
import { chunk, writeTransaction } from './write-transaction';

/** Most records one run may store (the transport keeps far fewer by default: DEFAULT_OPMON_EXCHANGES × parties). */
export const MAX_OPMON_RECORDS = 1_000_000;

const at = (value: string | number | null) => (value === null ? null : fromBigint(value));

/** Operational-monitoring records of runs. */
export class OpmonRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores `opmon` as run `runId`'s, replacing what the run had (a retried write stores the same again), in one
   * transaction. An unknown run throws RUN_NOT_FOUND; a record with a tick, ordinal or count out of range throws
   * INVALID_RECORD naming it; on any error nothing is written.
   */
  async store(runId: string, opmon: StoredOpmon): Promise<void> {
    requireKey(runId, 'run id');
    requireArray(opmon.records, `opmon records of run '${runId}'`);
    requireInteger(opmon.records.length, `number of opmon records of run '${runId}'`, 0, MAX_OPMON_RECORDS);
    const entities = opmon.records.map((record, index) => {
      const where = `opmon record [${index}] of run '${runId}'`;
      requireInteger(record.tick, `${where} tick`, 0, MAX_INT32);
      requireInteger(record.ordinal, `${where} ordinal`, 0, MAX_INT32);
      requireInteger(record.messages, `${where} messages`, 0, MAX_INT32);
      return Object.assign(new OpmonRecordEntity(), { runId, ...record });
    });
    const counts = Object.assign(new OpmonRunEntity(), {
      runId,
      records: entities.length,
      exchangesNotKept: requireInteger(opmon.exchangesNotKept, `opmon of run '${runId}' exchangesNotKept`, 0, MAX_INT32),
      messagesNotKept: requireInteger(opmon.messagesNotKept, `opmon of run '${runId}' messagesNotKept`, 0, MAX_INT32),
    });
    await writeTransaction(this.dataSource, async (manager) => {
      await requireRunsExist(manager, [runId], 'storing opmon records');
      await manager.delete(OpmonRecordEntity, { runId });
      await manager.delete(OpmonRunEntity, { runId });
      for (const slice of chunk(entities, 200)) await manager.insert(OpmonRecordEntity, slice);
      await manager.insert(OpmonRunEntity, counts);
    });
  }

  /** Run `runId`'s opmon in (tick, ordinal, party) order, or null when it stored none. */
  async get(runId: string): Promise<StoredOpmon | null> {
    requireKey(runId, 'run id');
    const counts = await this.dataSource.manager.findOneBy(OpmonRunEntity, { runId });
    if (!counts) return null;
    const entities = await this.dataSource.manager.find(OpmonRecordEntity, { where: { runId }, order: { tick: 'ASC', ordinal: 'ASC', party: 'ASC' } });
    const records = entities.map(({ runId: _run, ...entity }): OpmonRecordData => ({
      ...entity,
      role: entity.role as OpmonRecordData['role'],
      delivery: entity.delivery as OpmonRecordData['delivery'],
      requestInAt: at(entity.requestInAt),
      requestOutAt: at(entity.requestOutAt),
      responseInAt: at(entity.responseInAt),
      responseOutAt: at(entity.responseOutAt),
    }));
    return { records, exchangesNotKept: counts.exchangesNotKept, messagesNotKept: counts.messagesNotKept };
  }
}
