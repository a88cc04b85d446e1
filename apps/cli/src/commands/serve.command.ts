// `silolab serve`: the orchestrator (REST API, WebSocket stream, dashboard) on this machine, optionally starting a run.
import { InvalidArgumentError, type Command } from 'commander';
import { AccessSetupError, OrchestrationError, paceProblem, parseOrigin, SERVER_LIMIT_SETTINGS, ServerLimitError, type ServerLimitName } from '@silolab/orchestration';
import { oneOf, parsePositiveInt, parseNonNegativeInt } from '../options';
import { checkProtocol, PROTOCOL_MODULE_OPTION } from './run.command';

/** Options of `silolab serve`. */
interface ServeOptions {
  scenario?: string;
  protocolModule?: string[];
  port: number;
  host: string;
  transport: 'inproc' | 'redis';
  delivery: 'message' | 'tick';
  protocol: string;
  ticksPerSecond?: number;
  token: boolean;
  corsOrigin?: string[];
  rateLimit?: number;
  maxRuns?: number;
  maxRunMemory?: number;
  maxRequestsPerTick?: number;
  maxStoredLedger?: number;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError(`expected a port number (0..65535), got "${value}"`);
  return port;
}

function collectOrigin(value: string, previous: string[] = []): string[] {
  try {
    return [...previous, parseOrigin(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function parsePace(value: string): number {
  const pace = Number(value);
  const problem = value.trim() === '' || Number.isNaN(pace) ? `expected a number, got "${value}"` : paceProblem(pace);
  if (problem) throw new InvalidArgumentError(problem);
  return pace;
}

/** The serve options that set server limits, by limit. */
const LIMIT_OPTIONS: Record<ServerLimitName, keyof ServeOptions> = { maxRuns: 'maxRuns', runMemoryMb: 'maxRunMemory', requestsPerTick: 'maxRequestsPerTick', storedLedgerRecords: 'maxStoredLedger' };

/** Registers `silolab serve`. */
export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description('start the orchestrator: REST API (/api), OpenAPI docs (/api/docs), tick stream (/ws) and the dashboard')
    .option('--scenario <preset>', 'start a run of this preset at once (more runs: POST /api/runs)')
    .option('--port <n>', 'TCP port (0 = any free port)', parsePort, 3000)
    .option('--host <address>', 'interface to listen on (0.0.0.0 for other machines: then every route needs the token)', '127.0.0.1')
    .option('--transport <name>', 'inproc (embedded) or redis (department and hub services over BullMQ)', oneOf('inproc', 'redis'), 'inproc')
    .option('--delivery <mode>', 'redis transport: a job per exchange (message) or per department and tick (tick)', oneOf('message', 'tick'), 'tick')
    .option('--protocol <name>', 'redis transport: the default exchange protocol of runs — hub, direct or negotiated (a run may name its own)', 'hub')
    .option(...PROTOCOL_MODULE_OPTION)
    .option('--ticks-per-second <n>', 'pace of the --scenario run (0 = as fast as possible, else 0.01..1000; default 2)', parsePace)
    .option('--no-token', 'no token for write routes (loopback --host only; anyone on this machine can then start and stop runs)')
    .option('--cors-origin <origin>', 'let pages from this origin call the API (repeatable; default: none)', collectOrigin)
    .option('--rate-limit <n>', 'requests per minute per client address (a fifth of them writes; default 600)', parsePositiveInt);
  for (const name of Object.keys(LIMIT_OPTIONS) as ServerLimitName[]) {
    const setting = SERVER_LIMIT_SETTINGS[name];
    command.option(`${setting.flag} <n>`, `${setting.what} (default ${setting.variable} or ${setting.default.toLocaleString('en')})`, setting.min === 0 ? parseNonNegativeInt : parsePositiveInt);
  }
  command
    .addHelpText(
      'after',
      `
Access: write routes need "Authorization: Bearer <token>". The token is SILOLAB_API_TOKEN, or one generated at
start-up and printed. On a non-loopback --host, reads, the docs and the stream need it too. Limits refuse a run
before it allocates anything (400 naming the limit) or when too many are live (429). See docs/security.md.`,
    )
    .action(async (options: ServeOptions) => {
      // Loaded here, not at the top: only this verb needs NestJS (see docs/architecture.md).
      await import('reflect-metadata');
      const { startOrchestrator } = await import('../../../orchestrator/src/bootstrap');
      const { startupBanner } = await import('../../../orchestrator/src/banner');
      const { isPersistenceError } = await import('@silolab/persistence');
      const delivery = options.transport === 'redis' ? options.delivery : null;
      const limits = Object.fromEntries((Object.entries(LIMIT_OPTIONS) as Array<[ServerLimitName, keyof ServeOptions]>).flatMap(([name, option]) => (options[option] === undefined ? [] : [[name, options[option] as number]])));
      let orchestrator: Awaited<ReturnType<typeof startOrchestrator>>;
      try {
        // Checked now rather than at the first run: every redis run starts this many department processes.
        if (options.transport === 'redis') {
          (await import('@silolab/exchange')).departmentProcessCount(undefined);
          await checkProtocol(options.protocol, options.protocolModule);
        }
      } catch (error) {
        process.stderr.write(`silolab serve: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      try {
        orchestrator = await startOrchestrator({
          port: options.port,
          host: options.host,
          transport: options.transport === 'redis' ? { kind: 'redis', delivery: options.delivery, protocol: options.protocol } : { kind: 'inproc' },
          limits,
          tokenFree: !options.token,
          corsOrigins: options.corsOrigin,
          rateLimits: options.rateLimit ? { requestsPerMinute: options.rateLimit, writesPerMinute: Math.max(1, Math.floor(options.rateLimit / 5)) } : undefined,
        });
      } catch (error) {
        // A damaged or missing database stops start-up with its message and recovery hint (exit 1), never a stack trace.
        if (isPersistenceError(error, 'DATABASE_DAMAGED') || isPersistenceError(error, 'DATABASE_MISSING')) {
          process.stderr.write(`silolab serve: ${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        if (!(error instanceof AccessSetupError || error instanceof ServerLimitError)) throw error;
        process.stderr.write(`silolab serve: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(startupBanner(orchestrator, `${options.transport}${delivery ? `/${delivery}` : ''}`).join('\n') + '\n');
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
