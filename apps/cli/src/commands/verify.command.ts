// `silolab verify <ledger.ndjson>`: recomputes the hash chain and names the first bad record; with the run's recorded
// end (`--summary`, or `--head` and `--records`) it also finds records cut off the end.
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { checkLedgerEnd, type LedgerAnchor } from '@silolab/provenance';
import { anchorFromSummary, describeVerdict, LedgerInputError, verifyLedgerFile } from '@silolab/runner';
import { parseNonNegativeInt } from '../options';

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
    .option('--records <n>', 'the number of records the ledger must hold', parseNonNegativeInt)
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
