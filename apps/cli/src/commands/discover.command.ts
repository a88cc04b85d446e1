// `silolab discover <sweep-dir> --metric <name> --below|--above <value>`: PRIM boxes over a sweep's parameters —
// which combinations of levers produce the outcome (scenario discovery).
import { InvalidArgumentError, type Command } from 'commander';
import { DiscoverInputError, discoverFolder, formatDiscovery, PRIM_DEFAULTS, writeDiscovery } from '@silolab/experiments';

/** A finite number. */
function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return n;
}

/** A share strictly between 0 and 1 (1 allowed where `inclusive`). */
const share = (inclusive: boolean) => (value: string) => {
  const n = parseNumber(value);
  if (!(n > 0 && (inclusive ? n <= 1 : n < 1))) throw new InvalidArgumentError(`expected a share between 0 and 1, got "${value}"`);
  return n;
};

/** Registers `silolab discover`. */
export function registerDiscover(program: Command): void {
  program
    .command('discover')
    .description('scenario discovery: PRIM boxes over a sweep (e.g. a Latin hypercube) where an outcome is below or above a threshold — coverage, density, limits, peeling trajectory')
    .argument('<sweep-dir>', 'a sweep folder (silolab sweep --out)')
    .requiredOption('--metric <name>', 'runs.csv column, e.g. siloIndex (= mean.siloIndex), final.sharingRate, total.refusals.afraid')
    .option('--below <value>', 'cases of interest: the metric below this value', parseNumber)
    .option('--above <value>', 'cases of interest: the metric above this value', parseNumber)
    .option('--share <s>', 'judge points, not runs: a point is a case when at least this share of its replications meet the condition (e.g. 0.8)', share(true))
    .option('--peel-alpha <a>', 'share of the box removed per peeling step', share(false), PRIM_DEFAULTS.peelAlpha)
    .option('--mass-min <m>', 'stop peeling below this share of all points', share(false), PRIM_DEFAULTS.massMin)
    .option('--min-density <d>', 'choose the box with the most coverage among those at least this dense', share(true), PRIM_DEFAULTS.minDensity)
    .option('--out <dir>', 'write discover.csv, box.csv, discover.json and discover.html here')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string, options: { metric: string; below?: number; above?: number; share?: number; peelAlpha: number; massMin: number; minDensity: number; out?: string; json?: boolean }) => {
      try {
        const report = await discoverFolder(dir, options);
        if (options.out) writeDiscovery(options.out, report);
        process.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : formatDiscovery(report) + (options.out ? `\n\n  written to ${options.out}/ (discover.csv, box.csv, discover.json, discover.html)` : '') + '\n');
      } catch (error) {
        if (!(error instanceof DiscoverInputError)) throw error;
        process.stderr.write(`silolab discover: ${error.message}\n`);
        process.exitCode = 2;
      }
    });
}
