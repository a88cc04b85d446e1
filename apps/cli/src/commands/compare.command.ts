// `silolab compare <dirA> <dirB>`: two runs or two sweeps side by side — differences of means with Welch intervals
// and effect sizes, as a table and (with --out) compare.csv, compare.json and compare.html.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseAssignment, parsePositiveInt, parseSeed } from '../options';
import { compareSides, type ComparisonReport } from '../sweep/compare/compare-dirs';
import { CompareInputError, loadSide } from '../sweep/compare/compare-side';
import { CsvTable } from '../sweep/finalize/csv-table';
import { compareReportHtml } from '../sweep/report/compare-report';
import { writeFileAtomic } from '../sweep/sweep-directory';

/** Options of `silolab compare`. */
interface CompareOptions {
  metrics?: string;
  aWhere?: Record<string, unknown>;
  bWhere?: Record<string, unknown>;
  from: number;
  batches: number;
  confidence: string;
  out?: string;
  json?: boolean;
}

const fmt = (x: number, digits = 4) => (!Number.isFinite(x) ? '–' : Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : Number(x.toPrecision(digits)).toString());

/** The comparison as an aligned text table. */
export function formatComparison(report: ComparisonReport): string {
  const level = Math.round(report.confidence * 100);
  const lines = [`SiloLab compare — A: ${report.a.label}   B: ${report.b.label}`, `  A: ${report.a.note}`, `  B: ${report.b.note}`, ...report.notes.map((n) => `  note: ${n}`), ''];
  const head = ['point', 'metric', 'mean A', 'mean B', 'B − A', `${level} % CI (Welch)`, 'p', "Hedges' g", ''];
  const body = report.rows.map((r) => [r.group, r.metric, fmt(r.meanA), fmt(r.meanB), fmt(r.difference), `[${fmt(r.ciLow)}, ${fmt(r.ciHigh)}]`, fmt(r.p, 3), fmt(r.hedgesG, 3), r.effect]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  for (const row of [head, ...body]) lines.push('  ' + row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  return lines.join('\n');
}

/** Writes compare.csv, compare.json and compare.html into `out`. */
function writeComparison(out: string, report: ComparisonReport): void {
  mkdirSync(out, { recursive: true });
  const table = new CsvTable(join(out, 'compare.csv'), ['point', 'metric', 'nA', 'meanA', 'sdA', 'nB', 'meanB', 'sdB', 'difference', 'se', 'df', 'confidence', 'ciLow', 'ciHigh', 't', 'p', 'cohensD', 'hedgesG', 'effect']);
  for (const r of report.rows) table.append([r.group, r.metric, r.nA, r.meanA, r.sdA, r.nB, r.meanB, r.sdB, r.difference, r.se, r.df, r.level, r.ciLow, r.ciHigh, r.t, r.p, r.cohensD, r.hedgesG, r.effect]);
  table.close();
  writeFileAtomic(join(out, 'compare.json'), JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  writeFileAtomic(join(out, 'compare.html'), compareReportHtml(report));
}

/** Registers `silolab compare`. */
export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('compare two runs or two sweeps: differences of means with Welch confidence intervals and effect sizes (B − A)')
    .argument('<a>', 'run folder (silolab run --out) or sweep folder (silolab sweep --out)')
    .argument('<b>', 'the other folder (may be the same sweep with another --b-where)')
    .option('--metrics <list>', 'comma-separated metrics (sweeps: runs.csv columns such as mean.sharingRate, total.refusals.afraid; runs: metrics.csv columns)')
    .option('--a-where <path=value>', 'only runs of A with this parameter value (repeatable)', parseAssignment)
    .option('--b-where <path=value>', 'only runs of B with this parameter value (repeatable)', parseAssignment)
    .option('--from <tick>', 'run folders: first tick of the batch means (skip the warm-up)', parseSeed, 0)
    .option('--batches <n>', 'run folders: number of batch means', parsePositiveInt, 5)
    .option('--confidence <level>', 'confidence level of the intervals', '0.95')
    .option('--out <dir>', 'write compare.csv, compare.json and compare.html here')
    .option('--json', 'print the comparison as JSON')
    .action(async (dirA: string, dirB: string, options: CompareOptions) => {
      try {
        const confidence = Number(options.confidence);
        if (!(confidence > 0 && confidence < 1)) throw new CompareInputError(`--confidence: expected a number between 0 and 1, got "${options.confidence}"`);
        const metrics = options.metrics ? options.metrics.split(',').map((m) => m.trim()).filter(Boolean) : null;
        const a = await loadSide(dirA, { metrics, where: options.aWhere ?? {}, from: options.from, batches: options.batches });
        const b = await loadSide(dirB, { metrics: metrics ?? a.defaultMetrics, where: options.bWhere ?? {}, from: options.from, batches: options.batches });
        if (a.kind !== b.kind) throw new CompareInputError(`compare two runs or two sweeps: ${dirA} is a ${a.kind}, ${dirB} is a ${b.kind}`);
        const chosen = Object.keys(b.groups[0].values);
        const report = compareSides(a, b, chosen, [...Object.keys(options.aWhere ?? {}), ...Object.keys(options.bWhere ?? {})], confidence);
        if (options.out) writeComparison(options.out, report);
        process.stdout.write(options.json ? JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n' : formatComparison(report) + (options.out ? `\n\n  written to ${options.out}/ (compare.csv, compare.json, compare.html)` : '') + '\n');
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
