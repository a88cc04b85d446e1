// `silolab export prov <ledger.ndjson>`: the ledger as a W3C PROV-JSON document.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import type { Command } from 'commander';
import { LedgerFormatError, parseLedgerLine, toProvDocument, type LedgerRecord } from '@silolab/provenance';

/** Registers `silolab export` and its formats. */
export function registerExport(program: Command): Command {
  const exporter = program.command('export').description('export a run in another format');
  exporter
    .command('prov')
    .description('W3C PROV-JSON: datasets and delivered copies as entities, exchanges and transforms as activities, departments as agents')
    .argument('<ledger>', 'path of ledger.ndjson')
    .option('--out <file>', 'write here instead of stdout')
    .action((path: string, options: { out?: string }) => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        process.stderr.write(`silolab export prov: ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const records: LedgerRecord[] = [];
      try {
        text.split('\n').forEach((line, index) => {
          if (line.trim() !== '') records.push(parseLedgerLine(line, index + 1));
        });
      } catch (error) {
        if (!(error instanceof LedgerFormatError)) throw error;
        process.stderr.write(`silolab export prov: ${path}: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      const json = JSON.stringify(toProvDocument(records), null, 2) + '\n';
      if (!options.out) return void process.stdout.write(json);
      writeFileSync(`${options.out}.partial`, json);
      renameSync(`${options.out}.partial`, options.out);
    });
  return exporter;
}
