// `silolab calibrate <file.yaml> --out DIR`: fits scenario parameters to a target (values per tick or summary
// moments) by approximate Bayesian computation, each generation of particles run as a sweep.
import type { Command } from 'commander';
import { formatCalibration, loadCalibrationFile, RedisUnreachableError, runCalibration, SweepFolderError } from '@silolab/experiments';
import { SweepError } from '@silolab/research';
import { sweepOptionsOf, withSweepOptions, type SweepCommandOptions } from './sweep.command';

/** Registers `silolab calibrate`. */
export function registerCalibrate(program: Command): void {
  withSweepOptions(
    program
      .command('calibrate')
      .description('fit scenario parameters to a target (a metrics.csv per tick, or summary moments) by ABC: a weighted posterior sample, its credible intervals and the fit')
      .argument('<file>', 'calibration YAML file (see docs/research.md §11)'),
  ).action(async (file: string, options: SweepCommandOptions) => {
    try {
      const loaded = await loadCalibrationFile(file);
      const result = await runCalibration(loaded, sweepOptionsOf(options, 'calibrate'));
      process.stdout.write(options.json ? JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n' : formatCalibration(result) + '\n');
    } catch (error) {
      if (error instanceof SweepError || error instanceof SweepFolderError || error instanceof RedisUnreachableError) {
        process.stderr.write(`silolab calibrate: ${error.message.replace('invalid sweep', 'invalid calibration')}\n`);
        process.exitCode = 2;
        return;
      }
      throw error;
    }
  });
}
