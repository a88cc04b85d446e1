// Naming what went wrong at the first record that does not extend the chain: edited, deleted, inserted or reordered.

/** The kinds of damage `verify` tells apart. */
export type LedgerProblem = 'malformed' | 'edited' | 'deleted' | 'inserted' | 'reordered';

/** The chain fields of a record read from the ledger, and whether its content still matches its hash. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
  /** hashRecord(seq, prevHash, content) equals the stored hash. */
  sound: boolean;
}

/** The diagnosis: the problem, at the record being judged or at the last accepted one, and why. */
export interface Diagnosis {
  at: 'current' | 'previous';
  problem: Exclude<LedgerProblem, 'malformed'>;
  detail: string;
}

const follows = (later: ChainLink, earlier: { seq: number; hash: string }): boolean =>
  later.seq === earlier.seq + 1 && later.prevHash === earlier.hash;

/**
 * Explains why `current` does not extend the chain, whose accepted part ends at `previous` (null at the start)
 * and expects seq `expectedSeq` after hash `head`. Looks one record ahead (`next`, null at the end or when
 * unreadable) and one back, and picks the single tampering that explains what it sees:
 *
 * - `next` extends the chain as if `current` were not there → `current` was **inserted**
 *   (unless `current` is the record that belongs right after `next`: then the two were **reordered**);
 * - content no longer matches its hash → **edited**;
 * - seq jumps ahead and `next` follows `current` (or nothing follows) → records were **deleted** before it;
 *   seq jumps ahead and `next` does not follow → `current` was moved here: **reordered**;
 * - right seq, wrong previous hash, and `next` follows `current` → the accepted `previous` was **edited** and
 *   its hash recomputed (its successor still names its old hash);
 * - a seq already filled, by a rival of `previous` for the same slot that the rest of the chain follows →
 *   `previous` was **inserted** (a forged record whose own hash was recomputed); otherwise `current` was.
 */
export function diagnose(current: ChainLink, expectedSeq: number, head: string, previous: ChainLink | null, next: ChainLink | null): Diagnosis {
  const nextExtendsChain = next !== null && next.seq === expectedSeq && next.prevHash === head;
  const nextFollowsCurrent = next === null || follows(next, current);
  if (nextExtendsChain) {
    if (current.sound && current.seq === expectedSeq + 1 && current.prevHash === next.hash) {
      return { at: 'current', problem: 'reordered', detail: `seq ${current.seq} comes before seq ${next.seq}, which it follows` };
    }
    return { at: 'current', problem: 'inserted', detail: `the next record continues the chain from seq ${expectedSeq - 1} as if this one were not there` };
  }
  if (!current.sound) {
    return { at: 'current', problem: 'edited', detail: 'the content no longer matches the record hash' };
  }
  if (current.seq > expectedSeq) {
    if (nextFollowsCurrent) {
      const missing = current.seq - expectedSeq;
      return { at: 'current', problem: 'deleted', detail: `expected seq ${expectedSeq}, found seq ${current.seq}: ${missing} record${missing === 1 ? '' : 's'} missing before this one` };
    }
    return { at: 'current', problem: 'reordered', detail: `seq ${current.seq} appears where seq ${expectedSeq} belongs` };
  }
  if (current.seq === expectedSeq) {
    if (previous !== null && nextFollowsCurrent) {
      return { at: 'previous', problem: 'edited', detail: `the next record names a different hash for seq ${previous.seq}: its content was changed and its hash recomputed` };
    }
    const what = previous === null ? 'the genesis hash' : `the hash of seq ${previous.seq}`;
    return { at: 'current', problem: 'edited', detail: `prevHash does not match ${what}` };
  }
  if (previous !== null && current.seq === previous.seq && current.prevHash === previous.prevHash && nextFollowsCurrent) {
    return { at: 'previous', problem: 'inserted', detail: `a second record for seq ${previous.seq} follows and the chain continues from it, not from this one` };
  }
  return { at: 'current', problem: 'inserted', detail: `seq ${current.seq} was already taken; the chain expected seq ${expectedSeq}` };
}
