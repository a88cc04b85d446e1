// `silolab sensitivity <file.yaml> --out DIR`: a global sensitivity analysis — a sweep with a Morris or Sobol
// design, run by the sweep machinery (local workers, --queue redis, --resume), then ranked by Morris μ* or Sobol ST.
import type { Command } from 'commander';
import { formatSensitivity, formatSweepResult, loadSweepFile, RedisUnreachableError, runSweep, SweepFolderError } from '@silolab/experiments';
import { SweepError } from '@silolab/research';
import { sweepOptionsOf, withSweepOptions, type SweepCommandOptions } from './sweep.command';

/** Registers `silolab sensitivity`. */
export function registerSensitivity(program: Command): void {
  withSweepOptions(
    program
      .command('sensitivity')
      .description('global sensitivity analysis: Morris elementary effects (μ*, σ) or Sobol first-order and total indices with bootstrap intervals, over any scenario paths')
      .argument('<file>', 'a sweep file whose design is morris or sobol (see docs/research.md §10)'),
  ).action(async (file: string, options: SweepCommandOptions) => {
    try {
      const loaded = await loadSweepFile(file);
      const method = loaded.plan.design.method;
      if (method !== 'morris' && method !== 'sobol') {
        throw new SweepError(file, [{ path: 'design', message: `a sensitivity analysis needs design: morris or design: sobol (this file's design is ${method}; run it with silolab sweep)` }]);
      }
      const result = await runSweep(loaded, sweepOptionsOf(options, 'sensitivity'));
      const { points, ...rest } = result;
      if (options.json) process.stdout.write(JSON.stringify({ ...rest, points: points.length }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
      else process.stdout.write(formatSweepResult({ ...result, points: [] }, []) + (result.sensitivity ? '\n' + formatSensitivity(result.sensitivity) : '') + '\n');
      if (result.status !== 'complete' && !options.reportOnly) process.exitCode = 1;
    } catch (error) {
      if (error instanceof SweepError || error instanceof SweepFolderError || error instanceof RedisUnreachableError) {
        process.stderr.write(`silolab sensitivity: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      throw error;
    }
  });
}
