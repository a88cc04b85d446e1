// `silolab sweep <sweep.yaml> --out DIR`: parameter grids or Latin hypercubes × replications, in parallel on local
// cores or through a BullMQ queue, with runs.csv/.parquet, ticks.parquet, summary.csv (CIs), manifest and report.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { DEFAULT_SWEEP_PREFIX, formatSweepResult, loadSweepFile, RedisUnreachableError, runSweep, SweepFolderError, type SweepOptions } from '@silolab/experiments';
import { SweepError } from '@silolab/research';
import { oneOf, parsePositiveInt } from '../options';

/** Options of `silolab sweep` (and of the verbs that run a sweep: sensitivity). */
export interface SweepCommandOptions {
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

/** Adds the options of running a sweep (folder, workers, resume, queue) to a verb. */
export function withSweepOptions(command: Command): Command {
  return command
    .requiredOption('--out <dir>', 'folder for runs.csv, runs.parquet, ticks.parquet, summary.csv, manifest.json, report.html')
    .option('--workers <n>', `local worker processes (default: the number of cores, ${availableParallelism()})`, parsePositiveInt)
    .option('--resume', 'continue the sweep in --out, running only unfinished runs')
    .option('--queue <kind>', 'local (child processes here) or redis (jobs on a BullMQ queue for `silolab sweep-worker`s)', oneOf('local', 'redis'), 'local')
    .option('--redis <url>', 'Redis of --queue redis ($REDIS_URL when set)', defaultRedisUrl())
    .option('--prefix <prefix>', 'BullMQ key prefix of --queue redis (workers must use the same)', DEFAULT_SWEEP_PREFIX)
    .option('--report-only', 'write the outputs from the runs finished so far, running nothing')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the result as JSON');
}

/** The sweep options of a verb's parsed flags. */
export function sweepOptionsOf(options: SweepCommandOptions, verb: string): SweepOptions {
  return {
    out: options.out,
    workers: options.workers ?? availableParallelism(),
    resume: options.resume === true,
    queue: options.queue,
    redisUrl: options.redis,
    prefix: options.prefix,
    progress: options.progress !== false && !options.json,
    reportOnly: options.reportOnly === true,
    onInterrupt: (message) => process.stderr.write(`\nsilolab ${verb}: ${message}\n`),
  };
}

/** Registers `silolab sweep`. */
export function registerSweep(program: Command): void {
  withSweepOptions(
    program
      .command('sweep')
      .description('run a parameter sweep (full factorial, Latin hypercube, a CSV of points, or a Morris/Sobol design × replications) and summarise it with confidence intervals')
      .argument('<sweep>', 'sweep YAML file (see docs/research.md)'),
  )
    .action(async (file: string, options: SweepCommandOptions) => {
      try {
        const loaded = await loadSweepFile(file);
        const result = await runSweep(loaded, sweepOptionsOf(options, 'sweep'));
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
