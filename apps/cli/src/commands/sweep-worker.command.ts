// `silolab sweep-worker`: runs sweep jobs from a BullMQ queue until stopped — start one per machine (or several).
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { DEFAULT_SWEEP_PREFIX, RedisUnreachableError, RUNS_QUEUE, startSweepWorker, type SweepWorkerHandle } from '@silolab/experiments';
import { parsePositiveInt } from '../options';
import { defaultRedisUrl } from './sweep.command';

/** Registers `silolab sweep-worker`. */
export function registerSweepWorker(program: Command): void {
  program
    .command('sweep-worker')
    .description('take runs of `silolab sweep --queue redis` from the queue and run them (stop with Ctrl-C; unfinished runs go back to the queue)')
    .option('--redis <url>', 'Redis URL ($REDIS_URL when set)', defaultRedisUrl())
    .option('--prefix <prefix>', 'BullMQ key prefix (the same as the sweep)', DEFAULT_SWEEP_PREFIX)
    .option('--processes <n>', `runs at once, each in its own child process (default 1; this machine has ${availableParallelism()} cores)`, parsePositiveInt, 1)
    .option('--quiet', 'no line per run')
    .action(async (options: { redis: string; prefix: string; processes: number; quiet?: boolean }) => {
      let handle: SweepWorkerHandle;
      try {
        handle = await startSweepWorker({
          url: options.redis,
          prefix: options.prefix,
          processes: options.processes,
          onRun: options.quiet ? undefined : ({ sweep, run, wallTimeMs }) => process.stdout.write(`sweep ${sweep} run ${run}: ${(wallTimeMs / 1000).toFixed(2)} s\n`),
          onError: (message) => process.stderr.write(`silolab sweep-worker: ${message}\n`),
        });
      } catch (error) {
        if (!(error instanceof RedisUnreachableError)) throw error;
        process.stderr.write(`silolab sweep-worker: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`silolab sweep-worker: taking runs from ${options.redis} (queue ${options.prefix}:${RUNS_QUEUE}, ${options.processes} process${options.processes === 1 ? '' : 'es'})\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await handle.close();
      process.stdout.write('silolab sweep-worker: stopped\n');
    });
}
