// Checks ledger heads and rows before they are written.
import type { LedgerHeadRecord, LedgerRowRecord } from '../records/ledger.record';
import { MAX_INT32, optionalKey, requireBoolean, requireInteger, requireKey, requireObject } from './fields';

/** Validates one ledger head; throws INVALID_RECORD naming the run, tick and field. */
export function validateLedgerHead(record: LedgerHeadRecord, index: number): LedgerHeadRecord {
  requireObject(record, `ledger head [${index}]`);
  const runId = requireKey(record.runId, `ledger head [${index}] runId`);
  const tick = requireInteger(record.tick, `ledger head of run '${runId}' [${index}] tick`, 0, MAX_INT32);
  const place = (field: string) => `ledger head of run '${runId}' tick ${tick} ${field}`;
  return { runId, tick, head: requireKey(record.head, place('head')), records: requireInteger(record.records, place('records'), 0, MAX_INT32) };
}

/** Validates one ledger row; throws INVALID_RECORD naming the run, sequence number and field. */
export function validateLedgerRow(record: LedgerRowRecord, index: number): LedgerRowRecord {
  requireObject(record, `ledger row [${index}]`);
  const runId = requireKey(record.runId, `ledger row [${index}] runId`);
  const seq = requireInteger(record.seq, `ledger row of run '${runId}' [${index}] seq`);
  const place = (field: string) => `ledger row of run '${runId}' seq ${seq} ${field}`;
  return {
    runId,
    seq,
    tick: requireInteger(record.tick, place('tick'), 0, MAX_INT32),
    requestId: requireKey(record.requestId, place('requestId')),
    requester: requireKey(record.requester, place('requester')),
    owner: requireKey(record.owner, place('owner')),
    dataset: requireKey(record.dataset, place('dataset')),
    purpose: requireKey(record.purpose, place('purpose')),
    decision: requireKey(record.decision, place('decision')),
    reason: requireKey(record.reason, place('reason')),
    category: optionalKey(record.category, place('category')),
    transformed: requireBoolean(record.transformed, place('transformed')),
    payloadDigest: optionalKey(record.payloadDigest, place('payloadDigest')),
    prevHash: requireKey(record.prevHash, place('prevHash')),
    hash: requireKey(record.hash, place('hash')),
  };
}
