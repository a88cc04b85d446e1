// `silolab lab`: every chosen protocol over the redis transport (message delivery), one after another on the same
// scenario and seed, each checked against the in-process digest and measured the same way; in rounds, when asked, so
// that the comparison comes with its spread.
import { performance } from 'node:perf_hooks';
import { runSimulation, Simulation } from '@silolab/engine';
import type { FaultReport, Faults, Scenario } from '@silolab/model';
import { meanInterval, type MeanInterval } from '@silolab/research';
import { commandCount, cpuTotal, percentile, startMeasuring } from '../measure/run-meters';
import { hopsOf, type ExchangeProtocol } from '../protocols/exchange-protocol';
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
  /**
   * How many times every protocol runs (default 1), in turn: round 1 in the order given, round 2 in reverse, and so
   * on, so that a drift in the machine's load, or the warm-up of the lab's own process, falls on no protocol alone.
   */
  rounds?: number;
  /** Faults injected into every protocol's run (the same keyed draws for each). */
  faults?: Faults;
  /** Redis to use (REDIS_URL); default: the transport starts its own per protocol. */
  redisUrl?: string;
  log?: (line: string) => void;
}

/** A protocol's figures over the timed ticks (those after the warm-up ticks): of one run, or summed up over rounds. */
export interface LabFigures {
  digest: string;
  /** Exchanges timed in one run (the same in every round: same scenario, seed and ticks). */
  exchanges: number;
  seconds: number;
  exchangesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Messages (jobs) per exchange, from the route of each exchange run. */
  messagesPerExchange: number;
  bytesPerExchange: number;
  redisCommandsPerExchange: number;
  /** NaN when an injected fault replaced a process (its CPU is not all on record). */
  cpuMsPerExchange: number;
  /**
   * The same by process: `orchestrator` (this one), `hub`, `departments 0-5`, …, and `redis` when the transport started
   * it. NaN for a process an injected fault replaced.
   */
  cpuMsPerExchangeByProcess: Record<string, number>;
  /** What the run survived, under injected faults. */
  faults?: FaultReport;
}

/** One run of one protocol. */
export interface LabRun extends LabFigures {
  /** The round it ran in (1, 2, …) and its place in that round's order (1 = first). */
  round: number;
  position: number;
}

/**
 * One protocol's figures. After one round they are that run's; after several, each rate is the median of the rounds',
 * the latencies are every round's together, `faults` is the first round's, and the digest is the in-process one if
 * every round reached it, else the first round's that did not.
 */
export interface LabProtocolResult extends LabFigures {
  protocol: string;
  /** Every timed request's round trip in every round, ms (orchestrator sends → outcome back); kept here only. */
  latenciesMs: number[];
  /** Hops of an allowed, a refused and a denied exchange (the protocol's route). */
  hops: { allowed: number; denied: number; refused: number };
  /** Each round's run, in round order. */
  runs: LabRun[];
  /**
   * With two rounds or more: the mean of the rounds' exchanges/s and CPU per exchange, with their 95 % t intervals
   * (null for CPU when a fault replaced a process in some round).
   */
  spread: { exchangesPerSecond: MeanInterval | null; cpuMsPerExchange: MeanInterval | null } | null;
}

/**
 * A protocol against the first one (the baseline), round by round: the ratio of their exchanges/s, and of the
 * baseline's CPU per exchange to the protocol's; above 1 the protocol is the faster or the cheaper. Each round's
 * ratio pairs two runs taken one after the other, so it is steadier than a ratio of medians taken across rounds.
 */
export interface LabComparison {
  protocol: string;
  baseline: string;
  throughput: LabRatio;
  cpu: LabRatio;
}

/** A ratio in every round, its median, and with two rounds or more the mean's 95 % t interval. */
export interface LabRatio {
  rounds: number[];
  median: number;
  interval: MeanInterval | null;
}

/** What `silolab lab` measured. */
export interface LabResult {
  scenario: string;
  seed: number;
  ticks: number;
  /** Untimed ticks at the start of every protocol's run. */
  warmUpTicks: number;
  delivery: 'message';
  /** How many times every protocol ran. */
  rounds: number;
  inprocDigest: string;
  /** True when every protocol gave the in-process digest in every round. */
  sameDigest: boolean;
  protocols: LabProtocolResult[];
  /** Every protocol after the first against the first. */
  comparisons: LabComparison[];
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

/** The rounds of a lab run: `requested` (default 1), a whole number of at least 1; a RangeError names what was wrong. */
export function labRounds(requested = 1): number {
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`expected a whole number of rounds, at least 1, got ${requested}`);
  return requested;
}

/**
 * Runs each protocol in turn, `rounds` times; a protocol name that is not registered, a warm-up too long or a bad
 * number of rounds throws before anything starts.
 */
export async function runLab(scenario: Scenario, options: LabOptions): Promise<LabResult> {
  const protocols = options.protocols.map((name) => exchangeProtocol(name));
  const warmUpTicks = labWarmUpTicks(options.ticks, options.warmUpTicks);
  const rounds = labRounds(options.rounds);
  const inproc = await runSimulation(scenario, { seed: options.seed, ticks: options.ticks });
  // By place in the list, not by name: a protocol named twice (`hub,hub`) is an A/A comparison, the noise floor.
  const runs = protocols.map((): MeasuredRun[] => []);
  const places = protocols.map((_, k) => k);
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? places : [...places].reverse();
    for (const [position, k] of order.entries()) {
      const protocol = protocols[k];
      options.log?.(rounds > 1 ? `lab: ${protocol.name}, round ${round} of ${rounds} …` : `lab: ${protocol.name} …`);
      runs[k].push(await runOnce(scenario, protocol, options, warmUpTicks, round, position + 1));
    }
  }
  const results = protocols.map((protocol, k) => protocolResult(protocol, runs[k], inproc.digest));
  return {
    scenario: scenario.name,
    seed: options.seed,
    ticks: options.ticks,
    warmUpTicks,
    delivery: 'message',
    rounds,
    inprocDigest: inproc.digest,
    sameDigest: results.every((result) => result.runs.every((run) => run.digest === inproc.digest)),
    protocols: results,
    comparisons: results.slice(1).map((result) => compare(result, results[0])),
  };
}

/** A run and its requests' round trips, ms (these are kept once, with the protocol's result). */
interface MeasuredRun {
  run: LabRun;
  latenciesMs: number[];
}

/** One protocol's run with its own services: the warm-up ticks untimed, then the rest measured. */
async function runOnce(scenario: Scenario, protocol: ExchangeProtocol, options: LabOptions, warmUpTicks: number, round: number, position: number): Promise<MeasuredRun> {
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
    const n = Math.max(1, exchanges);
    const hops = hopsOf(protocol);
    const latencies = transport.resolver.stats.latenciesMs;
    const faults = transport.transportSummary().faults;
    const run: LabRun = {
      round,
      position,
      digest: result.digest,
      exchanges,
      seconds,
      exchangesPerSecond: exchanges / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      messagesPerExchange: ((exchanges - denied - refused) * hops.allowed + refused * hops.refused + denied * hops.denied) / n,
      bytesPerExchange: (commands['bytes in']?.calls ?? 0) / n,
      redisCommandsPerExchange: commandCount(commands) / n,
      cpuMsPerExchange: (cpuTotal(cpu) / n) * 1000,
      cpuMsPerExchangeByProcess: Object.fromEntries(Object.entries(cpu).map(([name, seconds]) => [name, (seconds / n) * 1000])),
      ...(faults ? { faults } : {}),
    };
    return { run, latenciesMs: [...latencies] };
  } finally {
    await transport.shutdown();
  }
}

/**
 * The median of `values`, or NaN when one is NaN (a process an injected fault replaced in some round: the median of the
 * others would pass for the protocol's).
 */
function medianOf(values: number[]): number {
  return values.some(Number.isNaN) ? NaN : percentile(values, 50);
}

/** The mean's 95 % interval of two values or more, all finite; null otherwise. */
function intervalOf(values: number[]): MeanInterval | null {
  return values.length > 1 && values.every(Number.isFinite) ? meanInterval(values) : null;
}

/** A protocol's figures over its runs: medians of the rounds' rates, every round's latencies together. */
function protocolResult(protocol: ExchangeProtocol, measured: MeasuredRun[], inprocDigest: string): LabProtocolResult {
  const runs = measured.map(({ run }) => run);
  const median = (pick: (run: LabRun) => number) => medianOf(runs.map(pick));
  const first = runs[0];
  const latencies = measured.flatMap(({ latenciesMs }) => latenciesMs);
  const processes = Object.keys(first.cpuMsPerExchangeByProcess);
  return {
    protocol: protocol.name,
    digest: runs.find((run) => run.digest !== inprocDigest)?.digest ?? inprocDigest,
    exchanges: first.exchanges,
    seconds: median((run) => run.seconds),
    exchangesPerSecond: median((run) => run.exchangesPerSecond),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    hops: hopsOf(protocol),
    // The exchanges timed and how each ended are the simulation's, the same in every round.
    messagesPerExchange: first.messagesPerExchange,
    bytesPerExchange: median((run) => run.bytesPerExchange),
    redisCommandsPerExchange: median((run) => run.redisCommandsPerExchange),
    cpuMsPerExchange: median((run) => run.cpuMsPerExchange),
    cpuMsPerExchangeByProcess: Object.fromEntries(processes.map((name) => [name, median((run) => run.cpuMsPerExchangeByProcess[name])])),
    latenciesMs: latencies,
    ...(first.faults ? { faults: first.faults } : {}),
    runs,
    spread: runs.length > 1 ? { exchangesPerSecond: intervalOf(runs.map((run) => run.exchangesPerSecond)), cpuMsPerExchange: intervalOf(runs.map((run) => run.cpuMsPerExchange)) } : null,
  };
}

/** `result` against `baseline`, round by round. */
function compare(result: LabProtocolResult, baseline: LabProtocolResult): LabComparison {
  const ratio = (values: number[]): LabRatio => ({ rounds: values, median: medianOf(values), interval: intervalOf(values) });
  return {
    protocol: result.protocol,
    baseline: baseline.protocol,
    throughput: ratio(result.runs.map((run, k) => run.exchangesPerSecond / baseline.runs[k].exchangesPerSecond)),
    cpu: ratio(result.runs.map((run, k) => baseline.runs[k].cpuMsPerExchange / run.cpuMsPerExchange)),
  };
}
