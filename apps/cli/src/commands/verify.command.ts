// `silolab verify <ledger.ndjson>`: recomputes the hash chain and names the first bad record; with the run's recorded
// end (`--summary`, or `--head` and `--records`) it also finds records cut off the end.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import { checkLedgerEnd, LedgerVerifier, type LedgerAnchor, type LedgerEndProblem, type VerifyResult } from '@silolab/provenance';
import { parseSeed } from '../options';

/** Streams a ledger file through the verifier (memory stays flat for any ledger size). */
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

/** Registers `silolab verify`. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify a full ledger (ledger.ndjson): recompute every hash, report the first edited, deleted, inserted or reordered record, and (with --summary) records cut off its end')
    .argument('<ledger>', 'path of ledger.ndjson')
    .option('--summary <file>', "the run's summary.json: the ledger must end at its recorded head after its recorded number of records")
    .option('--head <hash>', 'the hash the ledger must end with', (value: string) => {
      if (!/^[0-9a-f]{64}$/.test(value)) throw new InvalidArgumentError(`expected a SHA-256 hash (64 hex digits), got "${value}"`);
      return value;
    })
    .option('--records <n>', 'the number of records the ledger must hold', parseSeed)
    .option('--json', 'print the result as JSON')
    .action(async (path: string, options: { summary?: string; head?: string; records?: number; json?: boolean }) => {
      if (!existsSync(path)) {
        process.stderr.write(`silolab verify: ${path}: no such file\n`);
        process.exitCode = 2;
        return;
      }
      let anchor: LedgerAnchor;
      try {
        anchor = { ...(options.summary ? anchorFromSummary(options.summary) : {}), ...(options.head ? { head: options.head } : {}), ...(options.records !== undefined ? { records: options.records } : {}) };
      } catch (error) {
        if (!(error instanceof LedgerInputError)) throw error;
        process.stderr.write(`silolab verify: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      const result = await verifyLedgerFile(path);
      const end = checkLedgerEnd(result, anchor);
      const ok = result.ok && end === null;
      process.stdout.write(options.json ? JSON.stringify({ ...result, ok, ...(end ? { end } : {}) }, null, 2) + '\n' : describeVerdict(result, end) + '\n');
      if (!ok) process.exitCode = 1;
    });
}
