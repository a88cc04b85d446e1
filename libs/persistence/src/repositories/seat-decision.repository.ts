// Stores workshop decisions as they are made: one row per (run, request), in the order they were taken, never
// changed. A run holds at most as many as it has requests (the caller's bound), so a flood of answers cannot grow it.
import { REFUSAL_CATEGORIES } from '@silolab/model';
import type { DataSource } from 'typeorm';
import { SeatDecisionEntity } from '../entities/seat-decision.entity';
import { PersistenceError } from '../persistence.error';
import { DECIDERS, type SeatDecisionRecord } from '../records/seat-decision.record';
import { MAX_INT32, requireArray, requireInteger, requireKey, requireObject, requireOneOf } from '../validation/fields';
import { requireRunsExist } from './require-runs';
import { chunk, writeTransaction } from './write-transaction';

const MAX_ID = 200;

/** Seat decisions of workshop runs. */
export class SeatDecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends decisions of one run in one transaction. A request already stored (in this batch or before) throws
   * CONFLICTING_RECORD; more than `limit` stored for the run throws INVALID_RECORD; a bad field throws INVALID_RECORD
   * naming it; an unknown run throws RUN_NOT_FOUND. On any error nothing of the batch is written.
   */
  async append(runId: string, decisions: readonly Omit<SeatDecisionRecord, 'runId'>[], limit: number): Promise<void> {
    requireKey(runId, 'run id');
    requireArray(decisions, `appending seat decisions of run '${runId}'`);
    requireInteger(limit, 'seat decision limit', 0);
    const rows = decisions.map((decision, index) => toEntity(runId, decision, `seat decision [${index}] of run '${runId}'`));
    if (rows.length === 0) return;
    const requests = new Set(rows.map((row) => row.request));
    if (requests.size < rows.length) throw new PersistenceError('CONFLICTING_RECORD', `seat decisions of run '${runId}': a request is given twice in the batch; a request is decided once`);
    await writeTransaction(this.dataSource, async (manager) => {
      await requireRunsExist(manager, [runId], 'appending seat decisions');
      const stored = await manager.countBy(SeatDecisionEntity, { runId });
      if (stored + rows.length > limit) {
        throw new PersistenceError('INVALID_RECORD', `seat decisions of run '${runId}': ${stored} stored and ${rows.length} more would exceed the run's ${limit} requests`);
      }
      const taken = await manager.find(SeatDecisionEntity, { select: { request: true }, where: [...requests].map((request) => ({ runId, request })) });
      if (taken.length > 0) throw new PersistenceError('CONFLICTING_RECORD', `seat decision of run '${runId}' on request ${taken[0].request}: already stored; a request is decided once`);
      rows.forEach((row, index) => (row.seq = stored + index));
      for (const slice of chunk(rows, 100)) await manager.insert(SeatDecisionEntity, slice);
    });
  }

  /** The run's decisions in the order they were stored. */
  async list(runId: string): Promise<SeatDecisionRecord[]> {
    requireKey(runId, 'run id');
    const rows = await this.dataSource.manager.find(SeatDecisionEntity, { where: { runId }, order: { seq: 'ASC' } });
    return rows.map((row) => ({
      runId: row.runId,
      tick: row.tick,
      seat: row.seat,
      request: row.request,
      decidedBy: row.decidedBy as SeatDecisionRecord['decidedBy'],
      decision: row.decision as SeatDecisionRecord['decision'],
      reason: row.reason as SeatDecisionRecord['reason'],
    }));
  }
}

function toEntity(runId: string, decision: Omit<SeatDecisionRecord, 'runId'>, place: string): SeatDecisionEntity {
  requireObject(decision, place);
  const entity = new SeatDecisionEntity();
  entity.runId = runId;
  entity.tick = requireInteger(decision.tick, `${place} tick`, 0, MAX_INT32);
  entity.seat = requireKey(decision.seat, `${place} seat`, MAX_ID);
  entity.request = requireKey(decision.request, `${place} request`, MAX_ID);
  entity.decidedBy = requireOneOf(decision.decidedBy, DECIDERS, `${place} decidedBy`);
  if (entity.decidedBy === 'model') {
    if (decision.decision !== null || decision.reason !== null) throw new PersistenceError('INVALID_RECORD', `${place}: the model's decision is the run's, so decision and reason must be null`);
    entity.decision = null;
    entity.reason = null;
    return entity;
  }
  entity.decision = requireOneOf(decision.decision, ['share', 'refuse'] as const, `${place} decision`);
  entity.reason = entity.decision === 'refuse' ? requireOneOf(decision.reason, REFUSAL_CATEGORIES, `${place} reason`) : null;
  if (entity.decision === 'share' && decision.reason !== null) throw new PersistenceError('INVALID_RECORD', `${place}: a share has no reason, got ${JSON.stringify(decision.reason)}`);
  return entity;
}
