// `silolab fork <run-dir> --at <tick> --set path=value ... --out DIR`: rerun a run with a change from tick t on.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ScenarioError } from '@silolab/model';
import { ForkInputError, forkRun, formatFork, loadParentRun, ParentRunError } from '@silolab/experiments';
import { parseAssignment, parseNonNegativeInt } from '../options';

/** Options of `silolab fork`. */
interface ForkOptions {
  at: number;
  set?: Record<string, unknown>;
  out: string;
  json?: boolean;
}

/** Registers `silolab fork`. */
export function registerFork(program: Command): void {
  program
    .command('fork')
    .description('rerun a run (a `silolab run --out` folder) with the same scenario and seed, changing levers from a tick on')
    .argument('<run-dir>', 'folder of the parent run (summary.json, metrics.csv)')
    .requiredOption('--at <tick>', 'tick from whose start the change applies', parseNonNegativeInt)
    .option('--set <path=value>', 'the change: a scenario path and its new value (repeatable)', parseAssignment)
    .requiredOption('--out <dir>', 'folder for the branch (metrics.csv, summary.json, fork.json, fork.html)')
    .option('--json', 'print fork.json to stdout')
    .action(async (dir: string, options: ForkOptions) => {
      try {
        if (!options.set || Object.keys(options.set).length === 0) throw new ForkInputError('--set: give at least one change, e.g. --set policies.accountability.liabilityRegime=attributed');
        if (resolve(options.out) === resolve(dir)) throw new ForkInputError('--out: must differ from the parent run folder');
        const parent = loadParentRun(dir);
        const result = await forkRun(parent, { at: options.at, set: options.set, out: options.out });
        const { summary, ...record } = result;
        process.stdout.write(options.json ? JSON.stringify(record, null, 2) + '\n' : formatFork(result, parent.summary.final) + '\n');
        void summary;
        if (!result.equalBeforeFork) process.exitCode = 1;
      } catch (error) {
        if (error instanceof ScenarioError || error instanceof ParentRunError || error instanceof ForkInputError) {
          process.stderr.write(`silolab fork: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
