// The ledger record: the terminal outcome of one exchange, and its place in the hash chain.

/** How an exchange ended: data delivered, refused by the owner, denied by the hub, or lost in transfer. */
export type ExchangeDecision = 'shared' | 'refused' | 'denied' | 'failed';

/** Why data did not flow: 不愿共享 (unwilling), 不会共享 (unable), 不敢共享 (afraid). */
export type RefusalCategory = 'unwilling' | 'unable' | 'afraid';

/** The content of one terminal ledger record, before chaining. */
export interface LedgerEntry {
  /** Run id. */
  run: string;
  tick: number;
  /** Content-derived request id, `t<tick>-a<application>-r<requester>-d<dataset>`, e.g. `t0-a5-r1-d144`. */
  requestId: string;
  requester: string;
  owner: string;
  dataset: string;
  purpose: string;
  decision: ExchangeDecision;
  /** Stable reason code: `ok`, a hub code such as `not_in_catalogue`, or `unwilling` / `unable` / `afraid` / `transfer_failed`. */
  reason: string;
  /** Null when shared. */
  category: RefusalCategory | null;
  /** A schema transform happened on the way (a legacy schema was mapped). */
  transformed: boolean;
  /** Per-recipient fingerprint of the delivered copy (lowercase hex); null if nothing was delivered or provenance is off. */
  payloadDigest: string | null;
}

/** A ledger entry chained into the ledger: its sequence number, the previous record's hash and its own hash. */
export interface LedgerRecord extends LedgerEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The keys of a ledger line, in the order they are written (and hashed, `hash` aside). */
export const LEDGER_RECORD_KEYS = [
  'seq',
  'prevHash',
  'run',
  'tick',
  'requestId',
  'requester',
  'owner',
  'dataset',
  'purpose',
  'decision',
  'reason',
  'category',
  'transformed',
  'payloadDigest',
  'hash',
] as const;

/** The decisions a record may carry. */
export const EXCHANGE_DECISIONS: readonly ExchangeDecision[] = ['shared', 'refused', 'denied', 'failed'];

/** The refusal categories a record may carry. */
export const REFUSAL_CATEGORIES: readonly RefusalCategory[] = ['unwilling', 'unable', 'afraid'];
