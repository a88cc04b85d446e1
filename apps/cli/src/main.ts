// The `silolab` command: one commander program, one file per verb under commands/.
import { Command } from 'commander';
import { registerCommands } from './commands';

const program = new Command('silolab')
  .description('SiloLab: simulate data exchange between government departments and the formation of data silos')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) })
  // A bad flag or argument is bad input like any other: exit code 2 (help and --version exit 0).
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

registerCommands(program);

// A closed pipe (`silolab export prov x | head`) is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** How long a failed command may take to end by itself before it is ended. */
const FAILED_EXIT_GRACE_MS = 2000;

let settled = false;
program
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`silolab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = process.exitCode || 1;
    // A failed command is over, whatever a library still holds open: BullMQ's lock-extender timer keeps running when a
    // worker's close never finishes, which is what a Redis that lost the run's data leaves (docs/transport.md §8). The
    // error is printed; exit once the output has had its chance to drain, unless the process ends by itself first.
    setTimeout(() => process.exit(), FAILED_EXIT_GRACE_MS).unref();
  })
  .finally(() => (settled = true));

// Node exits with code 0 when nothing is left to wait for, even with the command's promise unsettled (a bug such as
// awaiting an unreferenced child). Such an exit must not look like success.
process.on('beforeExit', () => {
  if (settled) return;
  process.stderr.write('silolab: internal error: the command stopped before it finished (nothing left to wait for)\n');
  process.exitCode = 70;
});
