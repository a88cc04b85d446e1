// `silolab compare <dirA> <dirB>`: two runs or two sweeps side by side — differences of means with Welch intervals
// and effect sizes, as a table and (with --out) compare.csv, compare.json and compare.html.
import type { Command } from 'commander';
import { CompareInputError, compareFolders, comparisonJson, formatComparison, writeComparison } from '@silolab/experiments';
import { oneOf, parseAssignment, parsePositiveInt, parseNonNegativeInt } from '../options';

/** Options of `silolab compare`. */
interface CompareOptions {
  metrics?: string;
  aWhere?: Record<string, unknown>;
  bWhere?: Record<string, unknown>;
  from: number;
  warmUp: 'mser5' | 'none';
  batches?: number;
  confidence: string;
  out?: string;
  json?: boolean;
}

/** Registers `silolab compare`. */
export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('compare two runs or two sweeps: differences of means with Welch (or paired) intervals, Holm-adjusted p-values and effect sizes (B − A)')
    .argument('<a>', 'run folder (silolab run --out) or sweep folder (silolab sweep --out)')
    .argument('<b>', 'the other folder (may be the same sweep with another --b-where)')
    .option('--metrics <list>', 'comma-separated metrics (sweeps: runs.csv columns such as mean.sharingRate, total.refusals.afraid; runs: metrics.csv columns)')
    .option('--a-where <path=value>', 'only runs of A with this parameter value (repeatable)', parseAssignment)
    .option('--b-where <path=value>', 'only runs of B with this parameter value (repeatable)', parseAssignment)
    .option('--from <tick>', 'run folders: first tick considered (e.g. the fork tick)', parseNonNegativeInt, 0)
    .option('--warm-up <method>', 'run folders: mser5 (drop the warm-up MSER-5 finds after --from) or none', oneOf('mser5', 'none'), 'mser5')
    .option('--batches <n>', 'no longer used: standard errors come from each metric\'s autocorrelation', parsePositiveInt)
    .option('--confidence <level>', 'confidence level of the intervals', '0.95')
    .option('--out <dir>', 'write compare.csv, compare.json and compare.html here')
    .option('--json', 'print the comparison as JSON')
    .action(async (dirA: string, dirB: string, options: CompareOptions) => {
      try {
        const confidence = Number(options.confidence);
        if (!(confidence > 0 && confidence < 1)) throw new CompareInputError(`--confidence: expected a number between 0 and 1, got "${options.confidence}"`);
        const metrics = options.metrics ? options.metrics.split(',').map((m) => m.trim()).filter(Boolean) : null;
        if (options.batches !== undefined) process.stderr.write('silolab compare: --batches is no longer used: intervals of run folders come from each metric\'s autocorrelation (see docs/research.md §6)\n');
        const report = await compareFolders(dirA, dirB, { metrics, aWhere: options.aWhere ?? {}, bWhere: options.bWhere ?? {}, from: options.from, warmUp: options.warmUp, confidence });
        if (options.out) writeComparison(options.out, report);
        process.stdout.write(options.json ? comparisonJson(report) : formatComparison(report) + (options.out ? `\n\n  written to ${options.out}/ (compare.csv, compare.json, compare.html)` : '') + '\n');
      } catch (error) {
        if (error instanceof CompareInputError) {
          process.stderr.write(`silolab compare: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
