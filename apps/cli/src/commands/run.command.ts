// `silolab run <scenario>`: one run, written to --out (metrics.csv, summary.json, ledger.ndjson) and summarised.
import { SingleBar, Presets } from 'cli-progress';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { applyOverrides, ScenarioError } from '@silolab/model';
import { assertWithinLimits } from '@silolab/engine';
import { formatSummary, loadScenarioFile, withDecisionsFile, withFaultsFile, machineRunLimits, pct, runToDirectory } from '@silolab/runner';
import { createResolver } from '@silolab/transports';
import { oneOf, parseAssignment, parsePositiveInt, parseNonNegativeInt } from '../options';
import { writeOpmonCsv } from './opmon-csv';

/** Options of `silolab run`. */
interface RunOptions {
  seed?: number;
  ticks?: number;
  out?: string;
  json?: boolean;
  transport: 'inproc' | 'redis';
  delivery: 'message' | 'tick';
  protocol: string;
  protocolModule?: string[];
  set?: Record<string, unknown>;
  decisions?: string;
  faults?: string;
  progress?: boolean;
}

/** A flag that cannot be used as given (an unregistered protocol, an option the transport lacks): exit code 2. */
export class OptionError extends Error {}

/** `--protocol-module <file>`: a protocol module to load (repeatable); docs/protocols.md §2. */
export const PROTOCOL_MODULE_OPTION = ['--protocol-module <file>', 'redis transport: load the exchange protocol this built module exports (repeatable; docs/protocols.md §2)', (file: string, files: string[] = []) => [...files, file]] as const;

/**
 * Loads the protocol modules SILOLAB_PROTOCOL_MODULES and `--protocol-module` name (paths relative to the working
 * directory), then checks `--protocol` against the registry (loaded only for the redis transport); throws
 * {@link OptionError}. The services of the run load the same modules.
 */
export async function checkProtocol(name: string, modules: readonly string[] = []): Promise<void> {
  const { exchangeProtocol, loadProtocolModules } = await import('@silolab/exchange');
  try {
    loadProtocolModules(process.env.SILOLAB_PROTOCOL_MODULES);
    loadProtocolModules(modules.map((file) => resolve(file)).join(':'), '--protocol-module');
  } catch (error) {
    throw new OptionError((error as Error).message);
  }
  try {
    exchangeProtocol(name);
  } catch (error) {
    throw new OptionError(`--${(error as Error).message}`);
  }
}

/** Registers `silolab run`. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a scenario (a file, or a preset name from scenarios/)')
    .argument('<scenario>', 'scenario YAML file or preset name')
    .option('--seed <n>', 'random seed (default: the scenario seed)', parseNonNegativeInt)
    .option('--ticks <n>', 'ticks (working days) to simulate (default: the scenario ticks)', parsePositiveInt)
    .option('--out <dir>', 'write metrics.csv, summary.json and ledger.ndjson here')
    .option('--json', 'print summary.json to stdout instead of the readable summary')
    .option('--transport <name>', 'inproc (embedded) or redis (department and hub services over BullMQ)', oneOf('inproc', 'redis'), 'inproc')
    .option('--delivery <mode>', 'redis transport: a job per exchange (message) or per department and tick (tick)', oneOf('message', 'tick'), 'tick')
    .option('--protocol <name>', 'redis transport: the exchange protocol — hub (via the exchange hub), direct (X-Road-like, requester to owner) or negotiated (a contract negotiation per exchange); docs/protocols.md', 'hub')
    .option(...PROTOCOL_MODULE_OPTION)
    .option('--set <path=value>', 'change a scenario value before the run (repeatable)', parseAssignment)
    .option('--decisions <file>', 'replay recorded human decisions (a list, or an exported workshop session) as the owner decisions of their seats')
    .option('--faults <file>', 'redis transport: inject the faults of this file (a faults: section) instead of the scenario\'s; docs/protocols.md §4')
    .option('--no-progress', 'no progress bar')
    .action(async (argument: string, options: RunOptions) => {
      try {
        if (options.transport === 'redis') await checkProtocol(options.protocol, options.protocolModule);
        else if (options.protocolModule) throw new OptionError('--protocol-module: protocols run on the redis transport; add --transport redis');
        if (options.faults && options.transport !== 'redis') throw new OptionError('--faults: faults are injected into the redis transport; add --transport redis');
        const loaded = loadScenarioFile(argument);
        const decided = options.decisions ? withDecisionsFile(loaded.scenario, options.decisions) : loaded.scenario;
        const faulty = options.faults ? withFaultsFile(decided, options.faults) : decided;
        const scenario = options.set ? applyOverrides(faulty, options.set, '--set') : faulty;
        const ticks = options.ticks ?? scenario.ticks;
        // Before anything is started or allocated (services of the redis transport included).
        const limits = machineRunLimits();
        assertWithinLimits(scenario, ticks, limits, argument, { keepsLedger: options.out !== undefined });
        const showProgress = options.progress !== false && !options.json && process.stderr.isTTY;
        const bar = showProgress ? new SingleBar({ format: 'ticks {bar} {value}/{total} · sharing {sharing} · silo {silo} · eta {eta_formatted}', stream: process.stderr }, Presets.shades_classic) : null;
        bar?.start(ticks, 0, { sharing: '-', silo: '-' });
        const faults = scenario.faults && { faults: scenario.faults, seed: options.seed ?? scenario.seed };
        const resolver = await createResolver(options.transport, options.delivery, scenario, { protocol: options.protocol, faults });
        const summary = await runToDirectory(scenario, {
          seed: options.seed,
          ticks,
          out: options.out,
          resolver: resolver.resolver,
          transport: options.transport,
          delivery: options.transport === 'redis' ? options.delivery : null,
          overrides: options.set ?? {},
          onTick: (tick) => bar?.update(tick.tick + 1, { sharing: pct(tick.metrics.sharingRate), silo: tick.metrics.siloIndex.toFixed(2) }),
          // The redis transport's operational record (hub queue wait and handling) joins the summary as `transport`.
          transportSummary: resolver.transportSummary,
          limits,
        }).finally(async () => {
          bar?.stop();
          await resolver.shutdown();
        });
        // The redis transport collects its opmon records as it shuts down: they join the finished folder.
        const opmon = resolver.opmon?.();
        if (options.out && opmon) writeOpmonCsv(options.out, opmon);
        process.stdout.write(options.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(summary, options.out) + '\n');
      } catch (error) {
        if (error instanceof ScenarioError || error instanceof OptionError) {
          process.stderr.write(`silolab run: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
