// Verifying a ledger.ndjson stream: recompute every hash and link, and report the first bad record and what happened to it.
import { LedgerFormatError } from './ledger-format-error';
import { parseLedgerLine } from './ledger-line';
import { GENESIS_HASH, hashRecord } from './record-hash';
import { diagnose, type ChainLink, type LedgerProblem } from './tamper-diagnosis';

/** The first bad record: its 1-based line, its seq and request id when readable, the kind of damage and an explanation. */
export interface FirstBadRecord {
  line: number;
  seq: number | null;
  requestId: string | null;
  problem: LedgerProblem;
  detail: string;
}

/**
 * The outcome of a verification. `checked` counts the records verified good (all of them when `ok`), `head` is the
 * hash of the last good record ({@link GENESIS_HASH} when there is none). Compare `head` with the head kept in
 * summary.json: the chain alone cannot show that records were cut off its end.
 */
export interface VerifyResult {
  ok: boolean;
  checked: number;
  head: string;
  firstBad?: FirstBadRecord;
}

interface ReadRecord extends ChainLink {
  line: number;
  requestId: string;
}

type ReadLine = { record: ReadRecord; error?: undefined } | { record?: undefined; error: LedgerFormatError };

/**
 * Incremental verifier: push the ledger's lines in order, then ask for the `result()`. Each record must parse,
 * match its own hash, carry seq = previous seq + 1 (0 first) and the previous record's hash ({@link GENESIS_HASH}
 * first). At the first record that does not, the verifier reads one more line and names the damage
 * (see `diagnose`); lines after that are ignored. Blank lines may end the file (a trailing newline); a blank line
 * with a record after it is malformed, since NDJSON has one value on every line.
 */
export class LedgerVerifier {
  private lineNumber = 0;
  private checked = 0;
  private head = GENESIS_HASH;
  private previous: ReadRecord | null = null;
  private suspect: ReadRecord | null = null;
  private blankSince: number | null = null;
  private verdict: VerifyResult | null = null;

  /** True once the first bad record is known: further lines change nothing, so a reader may stop. */
  get finished(): boolean {
    return this.verdict !== null;
  }

  /** Feeds the next line of the ledger (with or without its line ending). */
  push(line: string): void {
    this.lineNumber++;
    if (this.verdict !== null) return;
    if (line.trim() === '') {
      this.blankSince ??= this.lineNumber;
      return;
    }
    const read: ReadLine = this.blankSince === null ? this.read(line) : { error: new LedgerFormatError(this.blankSince, null, 'blank line inside the ledger') };
    if (this.suspect !== null) {
      this.verdict = this.judge(this.suspect, read.record ?? null);
    } else if (read.error) {
      const { line: at, seq, requestId, problem } = read.error;
      this.verdict = this.bad({ line: at, seq, requestId, problem: 'malformed', detail: problem });
    } else if (read.record.sound && read.record.seq === this.checked && read.record.prevHash === this.head) {
      this.previous = read.record;
      this.head = read.record.hash;
      this.checked++;
    } else {
      this.suspect = read.record;
    }
  }

  /** The verdict on the lines pushed so far, taken as the whole ledger. Calling it does not end the stream. */
  result(): VerifyResult {
    if (this.verdict !== null) return this.verdict;
    if (this.suspect !== null) return this.judge(this.suspect, null);
    return { ok: true, checked: this.checked, head: this.head };
  }

  private read(line: string): ReadLine {
    try {
      const record = parseLedgerLine(line, this.lineNumber);
      const sound = hashRecord(record.seq, record.prevHash, record) === record.hash;
      return { record: { line: this.lineNumber, seq: record.seq, requestId: record.requestId, prevHash: record.prevHash, hash: record.hash, sound } };
    } catch (error) {
      if (error instanceof LedgerFormatError) return { error };
      throw error;
    }
  }

  private judge(suspect: ReadRecord, next: ReadRecord | null): VerifyResult {
    const { at, problem, detail } = diagnose(suspect, this.checked, this.head, this.previous, next);
    const culprit = at === 'previous' && this.previous !== null ? this.previous : suspect;
    const firstBad = { line: culprit.line, seq: culprit.seq, requestId: culprit.requestId, problem, detail };
    if (culprit === suspect) return this.bad(firstBad);
    return { ok: false, checked: this.checked - 1, head: culprit.prevHash, firstBad };
  }

  private bad(firstBad: FirstBadRecord): VerifyResult {
    return { ok: false, checked: this.checked, head: this.head, firstBad };
  }
}

/** Verifies a whole ledger given as lines (stops reading at the first bad record). */
export function verifyLines(lines: Iterable<string>): VerifyResult {
  const verifier = new LedgerVerifier();
  for (const line of lines) {
    verifier.push(line);
    if (verifier.finished) break;
  }
  return verifier.result();
}
