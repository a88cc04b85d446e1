// The full-mode ledger: entries appended in canonical order, each record chained to the one before by its hash.
import { findEntryProblem, isHashHex } from './ledger-fields';
import type { LedgerEntry, LedgerRecord } from './ledger-record';
import { GENESIS_HASH, hashRecord } from './record-hash';

/**
 * Chains ledger entries: record `seq` carries the hash of record `seq − 1` (or {@link GENESIS_HASH}) and its own
 * {@link hashRecord}. The hub appends a tick's entries at the tick's close, in canonical (demand ordinal) order, so the chain is
 * the same whatever order the messages arrived in.
 *
 * To continue a ledger, pass its head and its length: `new HashChain(head, length)`.
 */
export class HashChain {
  private headHash: string;
  private nextSeq: number;

  constructor(prevHash: string = GENESIS_HASH, nextSeq = 0) {
    if (!isHashHex(prevHash)) throw new RangeError(`HashChain: prevHash must be 64 lowercase hex characters, got ${JSON.stringify(prevHash)}`);
    if (!Number.isSafeInteger(nextSeq) || nextSeq < 0) throw new RangeError(`HashChain: nextSeq must be a non-negative integer, got ${nextSeq}`);
    this.headHash = prevHash;
    this.nextSeq = nextSeq;
  }

  /** The hash of the last record appended (the previous hash given to the constructor while empty). */
  get head(): string {
    return this.headHash;
  }

  /** The length of the chain: the seq the next record gets (counting records before `nextSeq` when continuing). */
  get length(): number {
    return this.nextSeq;
  }

  /**
   * Appends one entry and returns the chained record (a new object, keys in line order). Throws a RangeError
   * naming the field when the entry breaks the field rules, since such a record could never verify.
   */
  append(entry: LedgerEntry): LedgerRecord {
    const problem = findEntryProblem(entry as unknown as Record<string, unknown>);
    if (problem) {
      throw new RangeError(`HashChain.append: entry ${JSON.stringify(entry.requestId)} field "${problem.field}" must be ${problem.expected}`);
    }
    const seq = this.nextSeq;
    const prevHash = this.headHash;
    const hash = hashRecord(seq, prevHash, entry);
    const record: LedgerRecord = {
      seq,
      prevHash,
      run: entry.run,
      tick: entry.tick,
      requestId: entry.requestId,
      requester: entry.requester,
      owner: entry.owner,
      dataset: entry.dataset,
      purpose: entry.purpose,
      decision: entry.decision,
      reason: entry.reason,
      category: entry.category,
      transformed: entry.transformed,
      payloadDigest: entry.payloadDigest,
      hash,
    };
    this.headHash = hash;
    this.nextSeq = seq + 1;
    return record;
  }
}
