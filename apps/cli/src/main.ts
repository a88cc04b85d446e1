// The `silolab` command: one commander program, one file per verb under commands/.
import { Command } from 'commander';
import { registerCommands } from './commands';

const program = new Command('silolab')
  .description('SiloLab: simulate data exchange between government departments and the formation of data silos')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

registerCommands(program);

// A closed pipe (`silolab export prov x | head`) is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`silolab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = process.exitCode || 1;
});
