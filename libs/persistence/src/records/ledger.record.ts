// The provenance ledger as stored: per-tick chain heads (DESIGN.md §6). Full ledger rows are stored as the
// provenance lib's own LedgerRecord (one record type from the engine to ledger.ndjson, the database and the API).

/** The ledger's chain head after a tick closed. */
export interface LedgerHeadRecord {
  runId: string;
  tick: number;
  /** Hash of the last record chained in this tick (or the tick's block hash in `digest` mode). */
  head: string;
  /** How many ledger records the tick closed with. */
  records: number;
}
