// `silolab serve`: the orchestrator (REST API, WebSocket stream, dashboard) on this machine, optionally starting a run.
import { InvalidArgumentError, type Command } from 'commander';
import { OrchestrationError } from '@silolab/orchestration';
import { createResolver } from '@silolab/transports';
import { oneOf } from '../options';

/** Options of `silolab serve`. */
interface ServeOptions {
  scenario?: string;
  port: number;
  host: string;
  transport: 'inproc' | 'redis';
  delivery: 'message' | 'tick';
  ticksPerSecond?: number;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError(`expected a port number (0..65535), got "${value}"`);
  return port;
}

function parsePace(value: string): number {
  const pace = Number(value);
  if (!Number.isFinite(pace) || pace < 0 || pace > 1000) throw new InvalidArgumentError(`expected ticks per second between 0 and 1000 (0 = as fast as possible), got "${value}"`);
  return pace;
}

/** Registers `silolab serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the orchestrator: REST API (/api), OpenAPI docs (/api/docs), tick stream (/ws) and the dashboard')
    .option('--scenario <preset>', 'start a run of this preset at once (more runs: POST /api/runs)')
    .option('--port <n>', 'TCP port (0 = any free port)', parsePort, 3000)
    .option('--host <address>', 'interface to listen on (0.0.0.0 for other machines)', '127.0.0.1')
    .option('--transport <name>', 'inproc (embedded) or redis (department and hub services over BullMQ)', oneOf('inproc', 'redis'), 'inproc')
    .option('--delivery <mode>', 'redis transport: a job per exchange (message) or per department and tick (tick)', oneOf('message', 'tick'), 'tick')
    .option('--ticks-per-second <n>', 'pace of the --scenario run (0 = as fast as possible; default 2)', parsePace)
    .action(async (options: ServeOptions) => {
      // Loaded here, not at the top: only this verb needs NestJS (see docs/architecture.md).
      await import('reflect-metadata');
      const { startOrchestrator } = await import('../../../orchestrator/src/bootstrap');
      const transport = options.transport;
      const delivery = transport === 'redis' ? options.delivery : null;
      const orchestrator = await startOrchestrator({
        port: options.port,
        host: options.host,
        transport,
        delivery,
        resolverFactory: (scenario) => createResolver(transport, options.delivery, scenario),
      });
      process.stdout.write(`SiloLab orchestrator listening on ${orchestrator.url}\n`);
      process.stdout.write(`  API ${orchestrator.url}/api · docs ${orchestrator.url}/api/docs · stream ${orchestrator.url.replace(/^http/, 'ws')}/ws · transport ${transport}${delivery ? `/${delivery}` : ''}\n`);
      process.stdout.write(orchestrator.dashboard ? `  dashboard ${orchestrator.url}/\n` : '  (no dashboard build found; the API works without it)\n');
      if (options.scenario) {
        try {
          const run = await orchestrator.manager.start({ preset: options.scenario, ...(options.ticksPerSecond !== undefined ? { ticksPerSecond: options.ticksPerSecond } : {}) });
          process.stdout.write(`  started run ${run.id} (${run.scenarioName}, ${run.ticks} ticks): ${orchestrator.url}/api/runs/${run.id}\n`);
        } catch (error) {
          // A bad --scenario ends the command (exit code 2), not just the run: the user asked for that run.
          await orchestrator.close();
          if (!(error instanceof OrchestrationError)) throw error;
          process.stderr.write(`silolab serve: --scenario ${options.scenario}: ${error.issues.map((issue) => issue.message).join('; ') || error.message}\n`);
          process.exitCode = 2;
        }
      }
    });
}
