// `silolab sweep <sweep.yaml> --out DIR`: parameter grids or Latin hypercubes × replications, in parallel on local
// cores or through a BullMQ queue, with runs.csv/.parquet, ticks.parquet, summary.csv (CIs), manifest and report.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { SweepError } from '@silolab/research';
import { oneOf, parsePositiveInt } from '../options';
import { runSweep, SweepFolderError, type SweepResult } from '../sweep/run-sweep';
import { loadSweepFile } from '../sweep/sweep-file';
import { RedisUnreachableError } from '../sweep/redis/redis-reachable';
import { DEFAULT_SWEEP_PREFIX } from '../sweep/redis/sweep-queues';

/** Options of `silolab sweep`. */
interface SweepCommandOptions {
  out: string;
  workers?: number;
  resume?: boolean;
  queue: 'local' | 'redis';
  redis: string;
  prefix: string;
  progress?: boolean;
  reportOnly?: boolean;
  json?: boolean;
}

/** The default Redis of distributed sweeps: $REDIS_URL, else a local server. */
export const defaultRedisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(1) : Number(x.toPrecision(3)).toString());

/** The readable end-of-sweep summary: files, speed, and the first chosen metrics per point. */
export function formatSweepResult(result: SweepResult, columns: string[]): string {
  const rate = result.ranNow > 0 ? ` (${(result.ranNow / (result.wallTimeMs / 1000)).toFixed(2)} runs/s)` : '';
  const lines = [
    `SiloLab sweep — ${result.status}: ${result.finishedRuns}/${result.runs} runs; ${result.ranNow} ran now in ${(result.wallTimeMs / 1000).toFixed(1)} s${rate} on ${result.executor}`,
    `  written to ${result.out}/ (${result.files.join(', ')})`,
  ];
  const shown = columns.slice(0, 4);
  if (result.points.length > 0 && shown.length > 0) {
    const paramNames = Object.keys(result.points[0].params);
    const head = ['point', 'n', ...paramNames.map((path) => path.split('.').pop()!), ...shown.map((c) => `${c} [CI]`)];
    const body = result.points.slice(0, 30).map((point) => [
      String(point.point),
      String(point.n),
      ...paramNames.map((path) => (typeof point.params[path] === 'number' ? fmt(point.params[path] as number) : String(point.params[path]))),
      ...shown.map((c) => {
        const s = point.stats[c];
        return `${fmt(s?.mean)} [${fmt(s?.ciLow)}, ${fmt(s?.ciHigh)}]`;
      }),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    lines.push('');
    for (const row of [head, ...body]) lines.push('  ' + row.map((cell, i) => (i < 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
    if (result.points.length > 30) lines.push(`  … ${result.points.length - 30} more points in summary.csv`);
  }
  return lines.join('\n');
}

/** Registers `silolab sweep`. */
export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a parameter sweep (full factorial or Latin hypercube × replications) and summarise it with confidence intervals')
    .argument('<sweep>', 'sweep YAML file (see docs/research.md)')
    .requiredOption('--out <dir>', 'folder for runs.csv, runs.parquet, ticks.parquet, summary.csv, manifest.json, report.html')
    .option('--workers <n>', `local worker processes (default: the number of cores, ${availableParallelism()})`, parsePositiveInt)
    .option('--resume', 'continue the sweep in --out, running only unfinished runs')
    .option('--queue <kind>', 'local (child processes here) or redis (jobs on a BullMQ queue for `silolab sweep-worker`s)', oneOf('local', 'redis'), 'local')
    .option('--redis <url>', 'Redis of --queue redis ($REDIS_URL when set)', defaultRedisUrl())
    .option('--prefix <prefix>', 'BullMQ key prefix of --queue redis (workers must use the same)', DEFAULT_SWEEP_PREFIX)
    .option('--report-only', 'write the outputs from the runs finished so far, running nothing')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: SweepCommandOptions) => {
      try {
        const loaded = await loadSweepFile(file);
        const result = await runSweep(loaded, {
          out: options.out,
          workers: options.workers ?? availableParallelism(),
          resume: options.resume === true,
          queue: options.queue,
          redisUrl: options.redis,
          prefix: options.prefix,
          progress: options.progress !== false && !options.json,
          reportOnly: options.reportOnly === true,
          onInterrupt: (message) => process.stderr.write(`\nsilolab sweep: ${message}\n`),
        });
        const { points, ...rest } = result;
        process.stdout.write(options.json ? JSON.stringify({ ...rest, points: points.length }, null, 2) + '\n' : formatSweepResult(result, loaded.plan.summaryColumns) + '\n');
        if (result.status !== 'complete' && !options.reportOnly) process.exitCode = 1;
      } catch (error) {
        if (error instanceof SweepError || error instanceof SweepFolderError || error instanceof RedisUnreachableError) {
          process.stderr.write(`silolab sweep: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
