// `silolab lab <scenario> --protocols hub,direct`: the protocols side by side over Redis, checked against one digest.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { applyOverrides, ScenarioError } from '@silolab/model';
import { loadScenarioFile, withFaultsFile } from '@silolab/runner';
import { parseAssignment, parsePositiveInt, parseNonNegativeInt } from '../options';
import { checkProtocol, PROTOCOL_MODULE_OPTION, OptionError } from './run.command';

interface LabOptions {
  protocols: string;
  protocolModule?: string[];
  seed?: number;
  ticks?: number;
  warmUp: number;
  rounds: number;
  faults?: string;
  set?: Record<string, unknown>;
  out?: string;
}

/** Registers `silolab lab`. */
export function registerLab(program: Command): void {
  program
    .command('lab')
    .description('run exchange protocols side by side over the redis transport (message delivery) and compare them; docs/protocols.md §5')
    .argument('<scenario>', 'scenario YAML file or preset name')
    .option('--protocols <names>', 'comma-separated registered protocols', 'hub,direct')
    .option('--seed <n>', 'random seed (default: the scenario seed)', parseNonNegativeInt)
    .option('--ticks <n>', 'ticks to run (default: the scenario ticks)', parsePositiveInt)
    .option('--warm-up <n>', 'untimed ticks at the start of each protocol\'s run, fewer than --ticks: the first loads every service\'s rules, more let the started processes warm up so that the figures are their steady state', parseNonNegativeInt, 1)
    .option('--rounds <n>', 'run every protocol this many times, in turn (reversed every other round), and give the medians with the spread: on a shared machine one run each can mislead by several per cent', parsePositiveInt, 1)
    .option(...PROTOCOL_MODULE_OPTION)
    .option('--faults <file>', 'inject these faults (a faults: section) into every protocol\'s run')
    .option('--set <path=value>', 'change a scenario value before the runs, as `silolab run --set` (repeatable), e.g. demand.services[0].applicationsPerTick=12', parseAssignment)
    .option('--out <dir>', 'write lab.csv, lab-rounds.csv (every run), lab-processes.csv (CPU by process), lab.json and lab.html (latency distributions) here')
    .action(async (argument: string, options: LabOptions) => {
      try {
        const protocols = options.protocols.split(',').map((name) => name.trim()).filter(Boolean);
        if (protocols.length === 0) throw new OptionError('--protocols: expected at least one protocol name');
        for (const name of protocols) {
          await checkProtocol(name, options.protocolModule).catch((error: Error) => {
            throw new OptionError(error.message.replace(/^--protocol:/, '--protocols:'));
          });
        }
        const loaded = loadScenarioFile(argument).scenario;
        const faulty = options.faults ? withFaultsFile(loaded, options.faults) : loaded;
        const scenario = options.set ? applyOverrides(faulty, options.set, '--set') : faulty;
        const ticks = options.ticks ?? scenario.ticks;
        const { runLab, labWarmUpTicks, labTable, labCsv, labRoundsCsv, labProcessesCsv, labHtml } = await import('@silolab/exchange');
        try {
          labWarmUpTicks(ticks, options.warmUp);
        } catch (error) {
          throw new OptionError(`--warm-up: ${(error as Error).message}`);
        }
        const lab = await runLab(scenario, {
          protocols,
          seed: options.seed ?? scenario.seed,
          ticks,
          warmUpTicks: options.warmUp,
          rounds: options.rounds,
          faults: scenario.faults,
          log: (line) => process.stderr.write(`${line}\n`),
        });
        if (options.out) {
          mkdirSync(options.out, { recursive: true });
          writeFileSync(join(options.out, 'lab.json'), JSON.stringify(lab, null, 2) + '\n');
          writeFileSync(join(options.out, 'lab.csv'), labCsv(lab));
          writeFileSync(join(options.out, 'lab-rounds.csv'), labRoundsCsv(lab));
          writeFileSync(join(options.out, 'lab-processes.csv'), labProcessesCsv(lab));
          writeFileSync(join(options.out, 'lab.html'), labHtml(lab));
        }
        process.stdout.write(labTable(lab) + (options.out ? `\nwritten to ${options.out}/ (lab.csv, lab-rounds.csv, lab-processes.csv, lab.json, lab.html)` : '') + '\n');
        if (!lab.sameDigest) process.exitCode = 1;
      } catch (error) {
        if (error instanceof ScenarioError || error instanceof OptionError) {
          process.stderr.write(`silolab lab: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
