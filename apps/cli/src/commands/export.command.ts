// `silolab export prov <ledger.ndjson>`: the ledger as a W3C PROV-JSON document — after verifying it, so a tampered
// ledger is never exported as if it were sound; a failed export leaves no file behind.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkLedgerEnd, LedgerFormatError, parseLedgerLine, toProvDocument, verifyLines, type LedgerRecord } from '@silolab/provenance';
import { anchorFromSummary, describeVerdict, LedgerInputError } from '@silolab/runner';
import { registerExportOpmon } from './export-opmon.command';

/** Registers `silolab export` and its formats. */
export function registerExport(program: Command): Command {
  const exporter = program.command('export').description('export a run in another format');
  exporter
    .command('prov')
    .description('W3C PROV-JSON: datasets and delivered copies as entities, exchanges and transforms as activities, departments as agents')
    .argument('<ledger>', 'path of ledger.ndjson')
    .option('--out <file>', 'write here instead of stdout (all or nothing)')
    .option('--summary <file>', "the run's summary.json: also check that the ledger ends where the run recorded")
    .option('--no-verify', 'export without verifying the hash chain first')
    .action((path: string, options: { out?: string; summary?: string; verify: boolean }) => {
      const fail = (message: string, code: number) => {
        process.stderr.write(`silolab export prov: ${message}\n`);
        process.exitCode = code;
      };
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        return fail(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, 2);
      }
      if (options.verify) {
        let anchor = {};
        try {
          anchor = options.summary ? anchorFromSummary(options.summary) : {};
        } catch (error) {
          if (error instanceof LedgerInputError) return fail(error.message, 2);
          throw error;
        }
        const result = verifyLines(text.split('\n'));
        const end = checkLedgerEnd(result, anchor);
        if (!result.ok || end) return fail(`${path}: not exported, the ledger does not verify (--no-verify exports it anyway):\n${describeVerdict(result, end)}`, 1);
      }
      const records: LedgerRecord[] = [];
      try {
        text.split('\n').forEach((line, index) => {
          if (line.trim() !== '') records.push(parseLedgerLine(line, index + 1));
        });
      } catch (error) {
        if (!(error instanceof LedgerFormatError)) throw error;
        return fail(`${path}: ${error.message}`, 2);
      }
      const json = JSON.stringify(toProvDocument(records), null, 2) + '\n';
      if (!options.out) return void process.stdout.write(json);
      const partial = `${options.out}.partial-${process.pid}`;
      try {
        writeFileSync(partial, json);
        renameSync(partial, options.out);
      } catch (error) {
        return fail(`--out ${options.out}: ${(error as Error).message}`, 2);
      } finally {
        rmSync(partial, { force: true });
      }
    });
  registerExportOpmon(exporter);
  return exporter;
}
