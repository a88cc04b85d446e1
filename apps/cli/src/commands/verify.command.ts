// `silolab verify <ledger.ndjson>`: recomputes the hash chain and names the first bad record.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyLedgerFile } from '@silolab/runner';

/** Registers `silolab verify`. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify a full ledger (ledger.ndjson): recompute every hash and report the first edited, deleted, inserted or reordered record')
    .argument('<ledger>', 'path of ledger.ndjson')
    .option('--json', 'print the result as JSON')
    .action(async (path: string, options: { json?: boolean }) => {
      if (!existsSync(path)) {
        process.stderr.write(`silolab verify: ${path}: no such file\n`);
        process.exitCode = 2;
        return;
      }
      const result = await verifyLedgerFile(path);
      if (options.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else if (result.ok) process.stdout.write(`ledger ok: ${result.checked} records, head ${result.head}\n`);
      else {
        const bad = result.firstBad!;
        process.stdout.write(
          `ledger BROKEN at line ${bad.line}` +
            (bad.seq !== null ? ` (seq ${bad.seq}` + (bad.requestId ? `, request ${bad.requestId}` : '') + ')' : '') +
            `: ${bad.problem} — ${bad.detail}\n${result.checked} records checked before it\n`,
        );
      }
      if (!result.ok) process.exitCode = 1;
    });
}
