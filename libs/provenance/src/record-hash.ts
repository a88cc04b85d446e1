// The hash of one ledger record: SHA-256 over its previous hash and a canonical serialisation of its content.
import { hash } from 'node:crypto';
import type { LedgerEntry } from './ledger-record';

/** The previous hash of the first record of a ledger: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The text that is hashed: a JSON array of the fields in a fixed order —
 * `[seq, prevHash, run, tick, requestId, requester, owner, dataset, purpose, decision, reason, category,
 * transformed, payloadDigest]`. An array has no key order to disagree on, and JSON quoting keeps field
 * boundaries unambiguous whatever the strings contain.
 */
export function canonicalRecordText(seq: number, prevHash: string, entry: LedgerEntry): string {
  return JSON.stringify([
    seq,
    prevHash,
    entry.run,
    entry.tick,
    entry.requestId,
    entry.requester,
    entry.owner,
    entry.dataset,
    entry.purpose,
    entry.decision,
    entry.reason,
    entry.category,
    entry.transformed,
    entry.payloadDigest,
  ]);
}

/** SHA-256 (lowercase hex) of the UTF-8 bytes of {@link canonicalRecordText}. */
export function hashRecord(seq: number, prevHash: string, entry: LedgerEntry): string {
  // One-shot crypto.hash (Node ≥ 20.12) is about twice as fast as createHash().update().digest() for short inputs.
  return hash('sha256', canonicalRecordText(seq, prevHash, entry), 'hex');
}
