// Every verb of the `silolab` command, registered in the order `silolab --help` lists them.
import type { Command } from 'commander';
import { registerCalibrate } from './calibrate.command';
import { registerBackup } from './backup.command';
import { registerCompare } from './compare.command';
import { registerDiscover } from './discover.command';
import { registerExport } from './export.command';
import { registerFork } from './fork.command';
import { registerLab } from './lab.command';
import { registerRun } from './run.command';
import { registerSensitivity } from './sensitivity.command';
import { registerServe } from './serve.command';
import { registerSweep } from './sweep.command';
import { registerSweepWorker } from './sweep-worker.command';
import { registerVerify } from './verify.command';

/** Registers each verb's sub-command on the program. Add a verb by adding its `register` here. */
export function registerCommands(program: Command): void {
  registerRun(program);
  registerVerify(program);
  registerExport(program);
  registerServe(program);
  registerLab(program);
  registerSweep(program);
  registerSweepWorker(program);
  registerFork(program);
  registerCompare(program);
  registerSensitivity(program);
  registerCalibrate(program);
  registerDiscover(program);
  registerBackup(program);
}
