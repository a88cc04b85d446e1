// Every verb of the `silolab` command, registered in the order `silolab --help` lists them.
import type { Command } from 'commander';
import { registerExport } from './export.command';
import { registerRun } from './run.command';
import { registerVerify } from './verify.command';

/** Registers each verb's sub-command on the program. Add a verb by adding its `register` here. */
export function registerCommands(program: Command): void {
  registerRun(program);
  registerVerify(program);
  registerExport(program);
}
