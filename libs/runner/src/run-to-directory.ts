// One run, written to a folder: metrics.csv, summary.json and (full provenance) ledger.ndjson — all or nothing.
import { Simulation, type ExchangeResolver, type RunLimits, type TickResult } from '@silolab/engine';
import type { Scenario } from '@silolab/model';
import { formatLedgerLine } from '@silolab/provenance';
import { MetricsCsv } from './metrics-csv';
import { machineRunLimits } from './machine-limits';
import { buildSummary, type RunSummary } from './run-summary';
import { StagedDirectory, writeWithBackpressure } from './staged-directory';

/** Options of {@link runToDirectory}. */
export interface RunToDirectoryOptions {
  seed?: number;
  ticks?: number;
  /** Folder to write; nothing is written when omitted. */
  out?: string;
  resolver?: ExchangeResolver;
  transport?: string;
  delivery?: string | null;
  overrides?: Record<string, unknown>;
  /** Write ledger.ndjson to `out` (default true; only in `full` provenance). */
  writeLedger?: boolean;
  onTick?: (result: TickResult, simulation: Simulation) => void;
  /** The transport's operational record for the summary's `transport` section, read once the run has finished. */
  transportSummary?: () => object;
  /** Wall clock (injected so tests and callers decide; defaults to the process clock). */
  now?: () => number;
  /** Limits the run must fit, checked before anything is allocated. Default: this machine's ({@link machineRunLimits}). */
  limits?: RunLimits;
}

/** Runs a scenario, streaming its outputs into a staging folder that replaces `out` only when the run completes. */
export async function runToDirectory(scenario: Scenario, options: RunToDirectoryOptions = {}): Promise<RunSummary> {
  const now = options.now ?? (() => performance.now());
  const writeLedger = (options.writeLedger ?? true) && options.out !== undefined && scenario.policies.provenance === 'full';
  let ledgerLines: string[] = [];
  // Constructed before the staging folder exists: a run refused by its limits (or any bad option) writes nothing.
  const simulation = new Simulation(scenario, {
    seed: options.seed,
    ticks: options.ticks,
    resolver: options.resolver,
    limits: options.limits ?? machineRunLimits(),
    onRecord: writeLedger ? (record) => void ledgerLines.push(formatLedgerLine(record)) : undefined,
  });
  const staged = options.out ? new StagedDirectory(options.out, String(process.pid)) : null;
  const metricsFile = staged?.stream('metrics.csv');
  const ledgerFile = staged && writeLedger ? staged.stream('ledger.ndjson') : null;
  const csv = new MetricsCsv();
  const startedAt = new Date().toISOString();
  const start = now();
  try {
    while (!simulation.done) {
      const tick = await simulation.step();
      if (metricsFile) await writeWithBackpressure(metricsFile, csv.lines(tick.metrics));
      if (ledgerFile && ledgerLines.length > 0) {
        const text = ledgerLines.join('\n') + '\n';
        ledgerLines = [];
        await writeWithBackpressure(ledgerFile, text);
      }
      options.onTick?.(tick, simulation);
    }
    const result = await simulation.finish();
    const summary = buildSummary(scenario, result, {
      transport: options.transport ?? 'inproc',
      delivery: options.delivery ?? null,
      overrides: options.overrides ?? {},
      startedAt,
      wallTimeMs: now() - start,
    });
    const transport = options.transportSummary?.();
    if (transport) summary.transport = transport;
    if (staged) {
      staged.stream('summary.json').end(JSON.stringify(summary, null, 2) + '\n');
      await staged.commit();
    }
    return summary;
  } catch (error) {
    staged?.abort();
    throw error;
  }
}
