// Anchoring a ledger's end: the chain proves each record follows the one before, but not that none were cut off the
// end (or added after it). The run's recorded head and record count (summary.json) close that gap.
import { GENESIS_HASH } from './record-hash';
import type { VerifyResult } from './ledger-verifier';

/** What the run recorded about its ledger: the hash of its last record and how many records it has. */
export interface LedgerAnchor {
  head?: string;
  records?: number;
}

/** Why a sound chain still does not end where the run recorded. */
export interface LedgerEndProblem {
  problem: 'empty' | 'truncated' | 'extended' | 'other head';
  detail: string;
}

/**
 * Compares the end of a verified chain with its anchor. An empty ledger is a problem unless the run recorded none; a
 * chain shorter than recorded lost its last records, a longer one gained some, one of the recorded length but another
 * head was replaced. Null when the end matches (or nothing is known to compare with) — and for a broken chain, whose
 * first bad record is the finding.
 */
export function checkLedgerEnd(result: VerifyResult, anchor: LedgerAnchor): LedgerEndProblem | null {
  if (!result.ok) return null;
  const { head, records } = anchor;
  if (result.checked === 0 && !(records === 0 || head === GENESIS_HASH)) {
    return { problem: 'empty', detail: records === undefined ? 'the ledger holds no records' : `the ledger holds no records; the run recorded ${records}` };
  }
  if (records !== undefined && result.checked < records) {
    return { problem: 'truncated', detail: `the ledger ends after ${result.checked} records, but the run recorded ${records}: the last ${records - result.checked} were removed` };
  }
  if (records !== undefined && result.checked > records) {
    return { problem: 'extended', detail: `the ledger holds ${result.checked} records, but the run recorded ${records}: ${result.checked - records} were added after its end` };
  }
  if (head !== undefined && head !== result.head) {
    return { problem: 'other head', detail: `the chain ends at ${result.head}, but the run recorded the head ${head}` };
  }
  return null;
}
