// Verifying a ledger.ndjson file: its lines streamed through the provenance verifier, the end a run recorded in its
// summary.json to check it against, and the verdict as `verify` and `export` print it.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { LedgerVerifier, type LedgerAnchor, type LedgerEndProblem, type VerifyResult } from '@silolab/provenance';

/** Streams a ledger file through the verifier (memory stays flat for any ledger size; it stops at the first bad record). */
export async function verifyLedgerFile(path: string): Promise<VerifyResult> {
  const verifier = new LedgerVerifier();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    verifier.push(line);
    if (verifier.finished) break;
  }
  lines.close();
  return verifier.result();
}

/** A bad `verify` or `export` input (exit code 2). */
export class LedgerInputError extends Error {}

/** The end a run recorded in its summary.json (`manifest.ledgerHead`, `manifest.exchanges`: one record per exchange). */
export function anchorFromSummary(path: string): LedgerAnchor {
  let manifest: { ledgerHead?: unknown; exchanges?: unknown; provenance?: unknown } | undefined;
  try {
    manifest = (JSON.parse(readFileSync(path, 'utf8')) as { manifest?: typeof manifest }).manifest;
  } catch (error) {
    throw new LedgerInputError(`--summary ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not a summary.json (${(error as Error).message.slice(0, 120)})`}`);
  }
  if (typeof manifest?.ledgerHead !== 'string' || typeof manifest.exchanges !== 'number') throw new LedgerInputError(`--summary ${path}: no manifest.ledgerHead and manifest.exchanges to check the ledger's end against`);
  if (manifest.provenance !== 'full') throw new LedgerInputError(`--summary ${path}: the run kept a ${String(manifest.provenance)} ledger, not a full one; its head is not a record's hash`);
  return { head: manifest.ledgerHead, records: manifest.exchanges };
}

/** The verdict as printed: the chain's first bad record, else a problem with its end, else ok. */
export function describeVerdict(result: VerifyResult, end: LedgerEndProblem | null): string {
  if (!result.ok) {
    const bad = result.firstBad!;
    return `ledger BROKEN at line ${bad.line}` + (bad.seq !== null ? ` (seq ${bad.seq}` + (bad.requestId ? `, request ${bad.requestId}` : '') + ')' : '') + `: ${bad.problem} — ${bad.detail}\n${result.checked} records checked before it`;
  }
  if (end) return end.problem === 'empty' ? `ledger EMPTY: ${end.detail}` : `ledger ${end.problem.toUpperCase()} at its end: ${end.detail}`;
  return `ledger ok: ${result.checked} records, head ${result.head}`;
}
