// The orchestrator process: `node dist/apps/orchestrator/src/main.js [--port N] [--host H] [--scenario preset] [--no-token]`.
// Runs use the in-process transport; `silolab serve --transport redis` starts one with department services over Redis.
import 'reflect-metadata';
import { startupBanner } from './banner';
import { startOrchestrator } from './bootstrap';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const port = flag('port');
  if (port !== undefined && !/^\d+$/.test(port)) throw new Error(`--port: expected a port number, got "${port}"`);
  const orchestrator = await startOrchestrator({ port: port === undefined ? undefined : Number(port), host: flag('host'), tokenFree: process.argv.includes('--no-token') });
  process.stdout.write(startupBanner(orchestrator).join('\n') + '\n');
  const scenario = flag('scenario');
  if (scenario) {
    const run = await orchestrator.manager.start({ preset: scenario });
    process.stdout.write(`started run ${run.id} (${run.scenarioName})\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`silolab orchestrator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
