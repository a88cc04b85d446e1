// The provenance ledger as stored: per-tick chain heads, and (where asked) every ledger row (DESIGN.md §6).

/** The ledger's chain head after a tick closed. */
export interface LedgerHeadRecord {
  runId: string;
  tick: number;
  /** Hash of the last record chained in this tick (or the tick's block hash in `digest` mode). */
  head: string;
  /** How many ledger records the tick closed with. */
  records: number;
}

/** One terminal ledger record of one exchange: what was asked, what was decided, and its place in the chain. */
export interface LedgerRowRecord {
  runId: string;
  /** Position in the run's chain, from 0 or 1 as the ledger numbers it; unique per run. */
  seq: number;
  tick: number;
  requestId: string;
  requester: string;
  owner: string;
  dataset: string;
  purpose: string;
  decision: string;
  reason: string;
  /** `unwilling`, `unable` or `afraid` where the reason maps to one; null otherwise. */
  category: string | null;
  transformed: boolean;
  /** Digest of the delivered payload, per recipient; null when nothing was delivered. */
  payloadDigest: string | null;
  prevHash: string;
  hash: string;
}
