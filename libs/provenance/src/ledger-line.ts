// One line of ledger.ndjson: a record written as JSON with a fixed key order, and read back with every field checked.
import { findRecordProblem } from './ledger-fields';
import { LedgerFormatError } from './ledger-format-error';
import { LEDGER_RECORD_KEYS, type LedgerRecord } from './ledger-record';

const KNOWN_KEYS: ReadonlySet<string> = new Set(LEDGER_RECORD_KEYS);

/** The NDJSON line of a record (no newline): JSON with exactly the keys seq, prevHash, run, …, payloadDigest, hash in that order. */
export function formatLedgerLine(record: LedgerRecord): string {
  return JSON.stringify({
    seq: record.seq,
    prevHash: record.prevHash,
    run: record.run,
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
    hash: record.hash,
  });
}

const shown = (value: unknown): string => (value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value)).slice(0, 80));

/**
 * Reads one ledger line. Throws a {@link LedgerFormatError} naming the line and the bad field when the line is not
 * a JSON object, has a field missing, of the wrong type or not in the record format, or breaks a field rule.
 * Key order is not checked (it does not enter the hash); unknown keys are refused, since no hash covers them.
 */
export function parseLedgerLine(line: string, lineNumber: number): LedgerRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new LedgerFormatError(lineNumber, null, `not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LedgerFormatError(lineNumber, null, `expected a JSON object, found ${shown(value)}`);
  }
  const fields = value as Record<string, unknown>;
  const seq = Number.isSafeInteger(fields.seq) ? (fields.seq as number) : null;
  const requestId = typeof fields.requestId === 'string' ? fields.requestId : null;
  for (const key of Object.keys(fields)) {
    if (!KNOWN_KEYS.has(key)) throw new LedgerFormatError(lineNumber, key, `unexpected field "${key}" (not part of the record format)`, seq, requestId);
  }
  const problem = findRecordProblem(fields);
  if (problem) {
    const found = problem.field in fields ? `found ${shown(fields[problem.field])}` : 'the field is missing';
    throw new LedgerFormatError(lineNumber, problem.field, `field "${problem.field}" must be ${problem.expected}, ${found}`, seq, requestId);
  }
  const record = {} as Record<string, unknown>;
  for (const key of LEDGER_RECORD_KEYS) record[key] = fields[key];
  return record as unknown as LedgerRecord;
}
