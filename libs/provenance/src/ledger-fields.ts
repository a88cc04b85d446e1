// Field rules of a ledger record: what each field must hold, checked when chaining and when reading a line.
import { EXCHANGE_DECISIONS, REFUSAL_CATEGORIES } from './ledger-record';

/** The first field that breaks the rules, and what was expected there. */
export interface FieldProblem {
  field: string;
  expected: string;
}

const HASH = /^[0-9a-f]{64}$/;
const HEX = /^[0-9a-f]+$/;

/** True for a lowercase hex SHA-256 (64 characters). */
export function isHashHex(value: unknown): value is string {
  return typeof value === 'string' && HASH.test(value);
}

const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const isName = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/** Each entry field with its rule, in record order. */
const ENTRY_RULES: ReadonlyArray<[field: string, test: (value: unknown) => boolean, expected: string]> = [
  ['run', isName, 'a non-empty string'],
  ['tick', isCount, 'a non-negative integer'],
  ['requestId', isName, 'a non-empty string'],
  ['requester', isName, 'a non-empty string'],
  ['owner', isName, 'a non-empty string'],
  ['dataset', isName, 'a non-empty string'],
  ['purpose', (value) => typeof value === 'string', 'a string'],
  ['decision', (value) => EXCHANGE_DECISIONS.includes(value as never), `one of ${EXCHANGE_DECISIONS.join(', ')}`],
  ['reason', isName, 'a non-empty reason code'],
  ['category', (value) => value === null || REFUSAL_CATEGORIES.includes(value as never), `null or one of ${REFUSAL_CATEGORIES.join(', ')}`],
  ['transformed', (value) => typeof value === 'boolean', 'true or false'],
  ['payloadDigest', (value) => value === null || (typeof value === 'string' && HEX.test(value)), 'null or a lowercase hex string'],
];

/**
 * Checks the entry fields (not seq / prevHash / hash) and the two rules between them: a shared exchange has no
 * refusal category, and only a shared exchange delivered a copy with a payload digest.
 */
export function findEntryProblem(value: Readonly<Record<string, unknown>>): FieldProblem | null {
  for (const [field, test, expected] of ENTRY_RULES) {
    if (!test(value[field])) return { field, expected };
  }
  if (value.decision === 'shared' && value.category !== null) return { field: 'category', expected: 'null for a shared exchange' };
  if (value.decision !== 'shared' && value.payloadDigest !== null) {
    return { field: 'payloadDigest', expected: `null for a ${String(value.decision)} exchange (nothing was delivered)` };
  }
  return null;
}

/** Checks a whole record: the chain fields, then the entry fields. */
export function findRecordProblem(value: Readonly<Record<string, unknown>>): FieldProblem | null {
  if (!isCount(value.seq)) return { field: 'seq', expected: 'a non-negative integer' };
  if (!isHashHex(value.prevHash)) return { field: 'prevHash', expected: '64 lowercase hex characters' };
  if (!isHashHex(value.hash)) return { field: 'hash', expected: '64 lowercase hex characters' };
  return findEntryProblem(value);
}
