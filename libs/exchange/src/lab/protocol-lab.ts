// `silolab lab`: every chosen protocol over the redis transport (message delivery), one after another on the same
// scenario and seed, each checked against the in-process digest and measured the same way.
import { performance } from 'node:perf_hooks';
import { runSimulation, Simulation } from '@silolab/engine';
import type { FaultReport, Faults, Scenario } from '@silolab/model';
import { commandCount, cpuTotal, percentile, startMeasuring } from '../measure/run-meters';
import { hopsOf } from '../protocols/exchange-protocol';
import { exchangeProtocol } from '../protocols/protocol-registry';
import { startRedisTransport } from '../redis-transport';

/** Options of {@link runLab}. */
export interface LabOptions {
  protocols: readonly string[];
  seed: number;
  ticks: number;
  /**
   * Untimed ticks at the start (default 1, at most `ticks - 1`): the first loads every service's rules, the next ones
   * let freshly started processes compile their hot code, so that the timed ticks measure a steady state.
   */
  warmUpTicks?: number;
  /** Faults injected into every protocol's run (the same keyed draws for each). */
  faults?: Faults;
  /** Redis to use (REDIS_URL); default: the transport starts its own per protocol. */
  redisUrl?: string;
  log?: (line: string) => void;
}

/** One protocol's figures over the timed ticks (those after the warm-up ticks). */
export interface LabProtocolResult {
  protocol: string;
  digest: string;
  exchanges: number;
  seconds: number;
  exchangesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Hops of an allowed and of a denied exchange (the protocol's route). */
  hops: { allowed: number; denied: number; refused: number };
  /** Messages (jobs) per exchange, from the route of each exchange run. */
  messagesPerExchange: number;
  bytesPerExchange: number;
  redisCommandsPerExchange: number;
  cpuMsPerExchange: number;
  /**
   * The same by process: `orchestrator` (this one), `hub`, `departments 0-5`, …, and `redis` when the transport started
   * it. NaN for a process an injected fault replaced (its CPU is not all on record).
   */
  cpuMsPerExchangeByProcess: Record<string, number>;
  /** Every timed request's round trip, ms (orchestrator sends → outcome back). */
  latenciesMs: number[];
  faults?: FaultReport;
}

/** What `silolab lab` measured. */
export interface LabResult {
  scenario: string;
  seed: number;
  ticks: number;
  /** Untimed ticks at the start of every protocol's run. */
  warmUpTicks: number;
  delivery: 'message';
  inprocDigest: string;
  /** True when every protocol gave the in-process digest. */
  sameDigest: boolean;
  protocols: LabProtocolResult[];
}

/**
 * The untimed ticks of a lab run of `ticks` ticks: `requested` (default 1), fewer than `ticks`; none when one tick is
 * all there is. Throws a RangeError naming what was wrong otherwise.
 */
export function labWarmUpTicks(ticks: number, requested = 1): number {
  if (ticks <= 1) return 0;
  if (!Number.isInteger(requested) || requested < 0 || requested >= ticks) throw new RangeError(`expected fewer untimed ticks than the ${ticks} ticks run, got ${requested}`);
  return requested;
}

/** Runs each protocol in turn; a protocol name that is not registered, or a warm-up too long, throws before anything starts. */
export async function runLab(scenario: Scenario, options: LabOptions): Promise<LabResult> {
  const protocols = options.protocols.map((name) => exchangeProtocol(name));
  const warmUpTicks = labWarmUpTicks(options.ticks, options.warmUpTicks);
  const inproc = await runSimulation(scenario, { seed: options.seed, ticks: options.ticks });
  const results: LabProtocolResult[] = [];
  for (const protocol of protocols) {
    options.log?.(`lab: ${protocol.name} …`);
    const transport = await startRedisTransport('message', scenario, {
      protocol: protocol.name,
      redisUrl: options.redisUrl,
      recordLatency: true,
      faults: options.faults && { faults: options.faults, seed: options.seed },
      log: options.log ?? (() => undefined),
    });
    try {
      const simulation = new Simulation(scenario, { seed: options.seed, ticks: options.ticks, resolver: transport.resolver });
      for (let tick = 0; tick < warmUpTicks; tick++) await simulation.step();
      transport.resolver.stats.latenciesMs.length = 0;
      const measured = await startMeasuring(transport.redis.url, { orchestrator: process.pid, ...transport.processes() });
      const start = performance.now();
      let exchanges = 0;
      let denied = 0;
      let refused = 0;
      while (!simulation.done) {
        const { metrics } = await simulation.step();
        exchanges += metrics.requests;
        denied += metrics.denied;
        refused += metrics.refused;
      }
      const seconds = (performance.now() - start) / 1000;
      const { cpu, commands } = await measured();
      const result = await simulation.finish();
      const hops = hopsOf(protocol);
      const n = Math.max(1, exchanges);
      const latencies = transport.resolver.stats.latenciesMs;
      results.push({
        protocol: protocol.name,
        digest: result.digest,
        exchanges,
        seconds,
        exchangesPerSecond: exchanges / seconds,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        hops,
        messagesPerExchange: ((exchanges - denied - refused) * hops.allowed + refused * hops.refused + denied * hops.denied) / n,
        bytesPerExchange: (commands['bytes in']?.calls ?? 0) / n,
        redisCommandsPerExchange: commandCount(commands) / n,
        cpuMsPerExchange: (cpuTotal(cpu) / n) * 1000,
        cpuMsPerExchangeByProcess: Object.fromEntries(Object.entries(cpu).map(([name, seconds]) => [name, (seconds / n) * 1000])),
        latenciesMs: [...latencies],
        ...(transport.transportSummary().faults ? { faults: transport.transportSummary().faults } : {}),
      });
    } finally {
      await transport.shutdown();
    }
  }
  return {
    scenario: scenario.name,
    seed: options.seed,
    ticks: options.ticks,
    warmUpTicks,
    delivery: 'message',
    inprocDigest: inproc.digest,
    sameDigest: results.every((result) => result.digest === inproc.digest),
    protocols: results,
  };
}
