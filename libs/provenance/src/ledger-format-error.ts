// The error for a ledger line that cannot be read as a record: it names the line and the bad field.

/** A ledger line that is not valid JSON or breaks a field rule. `seq` and `requestId` are kept when readable. */
export class LedgerFormatError extends Error {
  override readonly name = 'LedgerFormatError';

  constructor(
    /** 1-based line number in the ledger file. */
    readonly line: number,
    /** The offending field, or null when the line as a whole is bad (not JSON, not an object). */
    readonly field: string | null,
    /** What was wrong, e.g. `field "tick" must be a non-negative integer, found "7"`. */
    readonly problem: string,
    readonly seq: number | null = null,
    readonly requestId: string | null = null,
  ) {
    super(`ledger line ${line}: ${problem}`);
  }
}
