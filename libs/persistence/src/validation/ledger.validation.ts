// Checks ledger heads and rows before they are written.
import { findRecordProblem, type LedgerRecord } from '@silolab/provenance';
import { PersistenceError } from '../persistence.error';
import type { LedgerHeadRecord } from '../records/ledger.record';
import { describe, MAX_INT32, requireInteger, requireKey, requireObject } from './fields';

/** Text fields stored in `varchar(255)` columns: their length is checked too (the provenance rules do not bound it). */
const STORED_KEYS = ['run', 'requestId', 'requester', 'owner', 'dataset', 'reason'] as const;

/** Validates one ledger head; throws INVALID_RECORD naming the run, tick and field. */
export function validateLedgerHead(record: LedgerHeadRecord, index: number): LedgerHeadRecord {
  requireObject(record, `ledger head [${index}]`);
  const runId = requireKey(record.runId, `ledger head [${index}] runId`);
  const tick = requireInteger(record.tick, `ledger head of run '${runId}' [${index}] tick`, 0, MAX_INT32);
  const place = (field: string) => `ledger head of run '${runId}' tick ${tick} ${field}`;
  return { runId, tick, head: requireKey(record.head, place('head')), records: requireInteger(record.records, place('records'), 0, MAX_INT32) };
}

/**
 * Validates one ledger record of stored run `runId` with the provenance lib's field rules (the ones every
 * ledger.ndjson line is read with); throws INVALID_RECORD naming the run, sequence number and field.
 */
export function validateLedgerRow(runId: string, record: LedgerRecord, index: number): LedgerRecord {
  requireKey(runId, 'ledger rows: run id');
  requireObject(record, `ledger row of run '${runId}' [${index}]`);
  const problem = findRecordProblem(record as unknown as Record<string, unknown>);
  if (problem) {
    const seq = Number.isSafeInteger(record.seq) ? `seq ${record.seq}` : `[${index}]`;
    throw new PersistenceError('INVALID_RECORD', `ledger row of run '${runId}' ${seq} ${problem.field}: expected ${problem.expected}, got ${describe((record as unknown as Record<string, unknown>)[problem.field])}`);
  }
  for (const field of STORED_KEYS) requireKey(record[field], `ledger row of run '${runId}' seq ${record.seq} ${field}`);
  return record;
}
