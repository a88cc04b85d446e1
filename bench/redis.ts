// `node dist/bench/redis.js`: exchanges/s over the redis transport in `message` and `tick` delivery, each beside two
// raw BullMQ baselines in the same run: the same number of messages through five queue hops in one process, and the
// same routes in SiloLab's layout (same queues, processes and tick barriers, trivial handlers); p50/p99 latency and
// CPU per exchange. Figures are printed, never asserted. Redis: REDIS_URL, or a local redis-server started for the run.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InProcessResolver, Simulation, type ExchangeRules, type RequestBatch } from '@silolab/engine';
import { commandCount, cpuMeter, cpuTotal, exchangeProtocol, ExchangeWire, outcomeBody, hopsOf, parseDepartmentList, percentile, protocolNames, RedisResolver, serviceNodeArgs, splitDepartments, startLocalRedis, startMeasuring, type CommandStats, type Measured } from '@silolab/exchange';
import { applyOverrides, DECISION, departmentCount, REASONS, type Scenario } from '@silolab/model';
import { meanInterval } from '@silolab/research';
import { loadScenarioFile } from '@silolab/runner';
import { createResolver } from '@silolab/transports';
import type { HopsResult } from './protocol/hop-recorder';
import { exchangeLogicAlone, type ExchangeLogicResult } from './protocol/exchange-logic';
import { signedTransportLayer, silolabTransportLayer, type TransportLayerResult } from './protocol/transport-layer';
import { rawBullMqHops } from './protocol/raw-bullmq-hops';
import { rawLayoutHops, rawLayoutJobCount, type RawLayoutResult, type RawRound, type RoundBodies } from './protocol/raw-layout';
import { clearWorkCounts, startCounting, topSites, WorkCounter, type WorkCount } from './support/work-counter';

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** `12.3 µs CPU per exchange (orchestrator 3.1, hub 4.0, …)`: CPU seconds per process over `count` exchanges. */
function cpuLine(cpu: Record<string, number>, count: number): string {
  const total = Object.values(cpu).reduce((a, b) => a + b, 0);
  const parts = Object.entries(cpu).map(([name, seconds]) => `${name} ${((seconds / count) * 1e6).toFixed(1)}`);
  return `${((total / count) * 1e6).toFixed(1)} µs CPU per exchange (${parts.join(', ')})`;
}
/** Per process on both sides (same names), the CPU of `baseline` ÷ that of `measured`. */
function processRatios(baseline: Record<string, number>, measured: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(measured).map((name) => [name, baseline[name] / measured[name]]));
}
/** Integers ≥ `min` from the environment variable `name` (comma-separated), else `fallback`; a clear error otherwise. */
function envIntegers(name: string, fallback: string, min: number): number[] {
  const text = process.env[name] ?? fallback;
  const values = text.split(',').map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < min)) throw new Error(`${name}: expected integers ≥ ${min} (like ${fallback}), got ${text}`);
  return values;
}

/** One integer ≥ `min` from the environment variable `name`, else `fallback`. */
function envInteger(name: string, fallback: string, min: number): number {
  const values = envIntegers(name, fallback, min);
  if (values.length !== 1) throw new Error(`${name}: expected one integer ≥ ${min}, got ${process.env[name]}`);
  return values[0];
}

/** `4.1 Redis commands per job (evalsha 2.0, bzpopmin 1.0, …), 160 µs of Redis time per job`. */
function commandLine(stats: CommandStats, jobs: number): string {
  const entries = Object.entries(stats).filter(([name]) => name !== 'info' && name !== 'client|setname' && name !== 'client|setinfo' && name !== 'bytes in');
  const calls = entries.reduce((sum, [, s]) => sum + s.calls, 0);
  const usec = entries.reduce((sum, [, s]) => sum + s.usec, 0);
  const parts = entries
    .sort((a, b) => b[1].calls - a[1].calls)
    .filter(([, s]) => s.calls / jobs >= 0.05)
    .map(([name, s]) => `${name} ${(s.calls / jobs).toFixed(2)}`);
  const bytes = stats['bytes in']?.calls ?? 0;
  // SILOLAB_BENCH_REDIS_TIME=1: also Redis's own time per job by command, largest first (where Redis's CPU goes).
  const times = process.env.SILOLAB_BENCH_REDIS_TIME
    ? `; Redis µs per job by command: ${entries
        .sort((a, b) => b[1].usec - a[1].usec)
        .slice(0, 10)
        .map(([name, s]) => `${name} ${(s.usec / jobs).toFixed(1)}`)
        .join(', ')}`
    : '';
  return `${(calls / jobs).toFixed(2)} Redis commands per job (${parts.join(', ')}), ${(usec / jobs).toFixed(0)} µs of Redis time and ${fmt(bytes / jobs)} bytes sent to Redis per job${times}`;
}

/** SILOLAB_BENCH_LAYOUT_INBOX: `department` (default, SiloLab's layout) or `process` (one queue per department process). */
function layoutInbox(): 'department' | 'process' {
  const inbox = process.env.SILOLAB_BENCH_LAYOUT_INBOX ?? 'department';
  if (inbox !== 'department' && inbox !== 'process') throw new Error(`SILOLAB_BENCH_LAYOUT_INBOX: expected department or process, got ${inbox}`);
  return inbox;
}

const rate = (count: number, ms: number) => (count / ms) * 1000;
/**
 * Starts a profile window: when the services are profiled (`SILOLAB_SERVICE_NODE_ARGS` with --cpu-prof), the function
 * it returns prints `profile window <from> <to>` for `label`, in µs of the monotonic clock V8's profiles use, so that
 * `node dist/bench/profile-summary.js <file> <from> <to>` summarises only the measured ticks.
 */
function profileWindow(label: string): () => void {
  if (!serviceNodeArgs().some((arg) => arg.startsWith('--cpu-prof'))) return () => undefined;
  const from = process.hrtime.bigint() / 1000n;
  return () => console.log(`   profile window ${from} ${process.hrtime.bigint() / 1000n} (${label})`);
}
/**
 * SILOLAB_BENCH_COUNT=1: every process on the path also counts its work (promises created, bytes allocated, GC time)
 * over the timed ticks — figures the machine's other load does not move, unlike CPU time (docs/transport.md §7.7).
 * Counting slows every process, so CPU figures of a counted run are not comparable with an uncounted one.
 */
const countSites = process.env.SILOLAB_BENCH_SITES === '1';
const counter = process.env.SILOLAB_BENCH_COUNT === '1' || countSites ? new WorkCounter({ sites: countSites }) : null;

/** SILOLAB_BENCH_SITES=1 (counting as well): the sites that made most promises, per process and exchange. */
function siteLines(work: Record<string, WorkCount>, exchanges: number): string[] {
  return Object.entries(work)
    .filter(([, count]) => count.promiseSites)
    .map(([name, count]) => `     ${name}: ${topSites(count.promiseSites!, exchanges, 8).map(([site, perExchange]) => `${perExchange.toFixed(1)} ${site}`).join(' · ')}`);
}

/** What a timed window measured: CPU and Redis commands, and each node process's work when counting. */
type Window = Measured & { work: Record<string, WorkCount> | null };

/** Starts measuring `pids` (Redis's among them as `redis`); the function it resolves to stops and reports. */
async function startWindow(redisUrl: string, pids: Record<string, number>): Promise<() => Promise<Window>> {
  const nodePids = Object.fromEntries(Object.entries(pids).filter(([name]) => name !== 'redis'));
  const counted = counter ? await startCounting(nodePids, counter) : null;
  const measured = await startMeasuring(redisUrl, pids);
  return async () => {
    const { cpu, commands } = await measured();
    return { cpu, commands, work: counted ? await counted() : null };
  };
}

/** `promises 412 (orchestrator 80, hub 170, …), KB allocated …, GC µs …` per exchange. */
function workLine(work: Record<string, WorkCount>, exchanges: number): string {
  const part = (value: (count: WorkCount) => number, digits: number) => {
    const parts = Object.entries(work).map(([name, count]) => `${name} ${(value(count) / exchanges).toFixed(digits)}`);
    const total = Object.values(work).reduce((sum, count) => sum + value(count), 0) / exchanges;
    return `${total.toFixed(digits)} (${parts.join(', ')})`;
  };
  return `promises ${part((c) => c.promises, 0)}, KB allocated ${part((c) => c.allocatedBytes / 1024, 1)}, GC µs ${part((c) => c.gcMs * 1000, 1)} per exchange`;
}

/** Baseline CPU ÷ SiloLab CPU over the same exchanges (1 = SiloLab costs nothing beyond the baseline). */
const cpuRatio = (baseline: Record<string, number>, silolab: Record<string, number>) => (cpuTotal(baseline) / cpuTotal(silolab)).toFixed(2);

/** workshop-small (12 departments) with each service's applications per tick multiplied by `scale`. */
function workshop(scale: number): Scenario {
  const base = loadScenarioFile('workshop-small').scenario;
  const demand = base.demand as Extract<Scenario['demand'], { mode: 'services' }>;
  return applyOverrides(base, { 'policies.provenance': 'digest', 'demand.services': demand.services.map((s) => ({ ...s, applicationsPerTick: s.applicationsPerTick * scale })) });
}

/**
 * The engine's in-process resolution, recording each chunk's route: per request its
 * requester, owner and whether the hub's check denied it — the routes SiloLab's messages take — and the
 * `exchange.*.v1` bodies its messages carry (request, owner's decision, outcome).
 */
class RouteRecorder extends InProcessResolver {
  readonly rounds: RecordedRound[] = [];

  /** `withBodies`: also the bodies (in `message` delivery only: a body per exchange would not fit the tick benches' millions). */
  constructor(private readonly withBodies: boolean) {
    super();
  }

  override resolve(batch: RequestBatch, rules: ExchangeRules): void {
    super.resolve(batch, rules);
    const n = batch.length;
    const denied = new Uint8Array(n);
    const refused = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      denied[i] = batch.decision[i] === DECISION.denied ? 1 : 0;
      refused[i] = batch.decision[i] === DECISION.refused ? 1 : 0;
    }
    const bodies = this.withBodies ? bodiesOf(batch, rules, denied, refused) : undefined;
    this.rounds.push({ tick: rules.tick, firstOrdinal: batch.firstOrdinal, requester: batch.requester.slice(0, n), owner: batch.owner.slice(0, n), denied, refused, bodies });
  }
}

/** The `exchange.*.v1` bodies of a resolved chunk's messages: each request, its owner's decision and its outcome. */
function bodiesOf(batch: RequestBatch, rules: ExchangeRules, denied: Uint8Array, refused: Uint8Array): RoundBodies {
  const wire = new ExchangeWire(rules.world);
  const bodies: RoundBodies = { request: [], decision: [], outcome: [] };
  for (let i = 0; i < batch.length; i++) {
    const request = wire.requestBody(rules.tick, batch.firstOrdinal + i, batch.requester[i], batch.owner[i], batch.dataset[i], batch.purpose[i], batch.application[i]);
    const { requestId } = request;
    bodies.request.push(request);
    // The owner shares (the transfer may still fail) or refuses with its motive; a denied request never reaches it.
    bodies.decision.push(denied[i] ? null : { requestId, decision: refused[i] ? 'refuse' : 'share', reason: refused[i] ? REASONS[batch.reason[i]] : null });
    bodies.outcome.push(outcomeBody(requestId, batch.decision[i], batch.reason[i]));
  }
  return bodies;
}

/** A round's routes, with the requests the owner refused (whose route some protocols shorten). */
type RecordedRound = RawRound & { refused: Uint8Array };

/** A SiloLab run's figures; `cpu` and `commands` (Measured) are over the timed ticks. */
interface TransportFigures extends Window {
  exchanges: number;
  jobs: number;
  ms: number;
  latenciesMs: number[];
  digestMatches: boolean;
  /** The routes of every tick's chunks, from the in-process reference run. */
  rounds: RecordedRound[];
  /** The first timed tick. */
  firstTimedTick: number;
  /** CPU seconds of the in-process reference run over the same ticks (the whole engine, resolution included). */
  engineCpu: Record<string, number>;
}

/**
 * How many ticks a bench run lasts: `warmup` untimed ticks (the first loads the rules in every service; the next ones
 * let freshly started processes compile their hot code and grow their heaps), then `timed` ticks that are measured.
 */
interface BenchTicks {
  warmup: number;
  timed: number;
}

/** `12 ticks timed after 12 untimed` for a heading. */
const ticksLabel = ({ warmup, timed }: BenchTicks) => `${timed} ticks timed after ${warmup} untimed`;

/** Runs `ticks.warmup + ticks.timed` ticks over redis and measures the last `ticks.timed`. */
async function overRedis(redisUrl: string, redisPid: number | null, delivery: 'message' | 'tick', scenario: Scenario, ticks: BenchTicks, protocol = 'hub'): Promise<TransportFigures> {
  const total = ticks.warmup + ticks.timed;
  const recorder = new RouteRecorder(delivery === 'message');
  const reference = new Simulation(scenario, { ticks: total, resolver: recorder });
  for (let tick = 0; tick < ticks.warmup; tick++) await reference.step();
  const engineMeter = cpuMeter({ engine: process.pid });
  while (!reference.done) await reference.step();
  const engineCpu = engineMeter();
  const expected = (await reference.finish()).digest;
  const handle = await createResolver('redis', delivery, scenario, { redisUrl, protocol, log: () => undefined });
  const resolver = handle.resolver as RedisResolver;
  (resolver as unknown as { options: { recordLatency: boolean } }).options.recordLatency = true;
  try {
    const simulation = new Simulation(scenario, { ticks: total, resolver });
    for (let tick = 0; tick < ticks.warmup; tick++) await simulation.step();
    const firstTimedTick = ticks.warmup;
    resolver.stats.latenciesMs.length = 0;
    let exchanges = 0;
    let denied = 0;
    const pids: Record<string, number> = { orchestrator: process.pid, ...handle.services!.pids() };
    if (redisPid !== null) pids.redis = redisPid;
    const measured = await startWindow(redisUrl, pids);
    const window = profileWindow(`SiloLab, ${delivery}, ${protocol}`);
    const start = performance.now();
    while (!simulation.done) {
      const { metrics } = await simulation.step();
      exchanges += metrics.requests;
      denied += metrics.denied;
    }
    const ms = performance.now() - start;
    window();
    const { cpu, commands, work } = await measured();
    const digestMatches = (await simulation.finish()).digest === expected;
    // Exchange jobs on the path, from the routes (tick.open, tick.chunk and tick.close not counted). message:
    // orchestrator→requester, requester→hub, hub→orchestrator for every exchange, plus hub→owner and owner→hub for the
    // allowed ones. tick: per chunk one batch per requester on the first two hops, one per owner of an allowed request
    // on hub→owner and owner→hub (the hub answers the chunk as a whole), and one outcome batch.
    const timed = recorder.rounds.filter((round) => round.tick >= firstTimedTick);
    // Another protocol's routes differ: in message delivery, its hops per allowed, denied and refused exchange.
    const hops = hopsOf(exchangeProtocol(protocol));
    const hopsAt = (round: RecordedRound, i: number) => (round.denied[i] ? hops.denied : round.refused[i] ? hops.refused : hops.allowed);
    const jobs = protocol === 'hub' || delivery === 'tick' ? timed.reduce((sum, round) => sum + rawLayoutJobCount(round, delivery), 0) : timed.reduce((sum, round) => sum + Array.from(round.denied, (_, i) => hopsAt(round, i)).reduce((a, b) => a + b, 0), 0);
    const routed = timed.reduce((sum, round) => sum + round.requester.length, 0);
    const deniedRouted = timed.reduce((sum, round) => sum + Array.from(round.denied).filter(Boolean).length, 0);
    if (routed !== exchanges || deniedRouted !== denied) throw new Error(`routes: ${routed} exchanges (${deniedRouted} denied) recorded, ${exchanges} (${denied}) run`);
    return { exchanges, jobs, ms, latenciesMs: [...resolver.stats.latenciesMs], digestMatches, cpu, rounds: recorder.rounds, firstTimedTick, engineCpu, commands, work };
  } finally {
    await handle.shutdown();
  }
}

function line(label: string, count: number, ms: number, latencies: number[], extra = ''): string {
  return `   ${label.padEnd(30)} ${fmt(rate(count, ms)).padStart(9)} exchanges/s   p50 ${percentile(latencies, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(latencies, 99).toFixed(1).padStart(7)} ms${extra}`;
}

/**
 * Raw BullMQ in SiloLab's layout: `figures`' routes replayed with SiloLab's processes (this one, a hub process, the
 * department processes of `splitDepartments`), queues, concurrency and chunk barriers, the same ticks untimed.
 */
async function rawLayout(redisUrl: string, redisPid: number | null, delivery: 'message' | 'tick', scenario: Scenario, figures: TransportFigures, protocol = false, bodies = false): Promise<RawLayoutResult & Window & { processes: number }> {
  const departments = departmentCount(scenario);
  const ranges = splitDepartments(departments, Number(process.env.SILOLAB_DEPARTMENT_PROCESSES ?? 2));
  const departmentProcesses = ranges.map((range) => ({ name: `departments ${range}`, departments: parseDepartmentList(range) }));
  let measured: Window = { cpu: {}, commands: {}, work: null };
  const result = await rawLayoutHops(
    { url: redisUrl },
    {
      rounds: figures.rounds,
      delivery,
      departmentProcesses,
      measureFromTick: figures.firstTimedTick,
      protocol,
      bodies,
      inbox: layoutInbox(),
      around: async (pids) => {
        const done = await startWindow(redisUrl, redisPid === null ? pids : { ...pids, redis: redisPid });
        const window = profileWindow(`raw layout${protocol ? ' + signatures and marks' : ''}${bodies ? ' + SiloLab\'s bodies' : ''}, ${delivery}`);
        return async () => {
          window();
          measured = await done();
        };
      },
    },
  );
  if (result.exchanges !== figures.exchanges || result.jobs !== figures.jobs) throw new Error(`raw layout: ${result.exchanges} exchanges in ${result.jobs} jobs, SiloLab ${figures.exchanges} in ${figures.jobs}`);
  return { ...result, ...measured, processes: ranges.length + 2 };
}

/**
 * Every registered protocol over the same scenario in `message` delivery, one after another in this run: exchanges/s,
 * round-trip p50/p99, hops, and per exchange the jobs, bytes sent to Redis, Redis commands and CPU of every process.
 */
async function compareProtocols(redisUrl: string, redisPid: number | null, ticks: BenchTicks): Promise<void> {
  const scale = envInteger('SILOLAB_BENCH_MESSAGE_SCALE', '4', 1);
  const scenario = workshop(scale);
  console.log(`\n0. protocols, delivery message: workshop-small (12 departments, 2 department processes), demand ×${scale}, ${ticksLabel(ticks)}`);
  console.log(`   ${'protocol'.padEnd(10)} ${'exchanges/s'.padStart(11)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  hops (allowed/refused/denied)  jobs/exch  bytes/exch  Redis cmds/exch  CPU µs/exch  digest`);
  const costs: string[] = [];
  // SILOLAB_BENCH_PROTOCOLS=hub,direct runs some of them (for profiling); default every registered protocol.
  const names = process.env.SILOLAB_BENCH_PROTOCOLS?.split(',') ?? protocolNames();
  // SILOLAB_BENCH_PROTOCOL_ROUNDS=n runs them all n times in turn (hub, direct, …, hub, direct, …): a change in the
  // machine's load then hits every protocol of a round alike, and the median of the rounds' ratios is the figure.
  const rounds = envInteger('SILOLAB_BENCH_PROTOCOL_ROUNDS', '1', 1);
  const ratios: Record<string, { throughput: number[]; cpu: number[]; jobs: number[] }> = {};
  for (let round = 1; round <= rounds; round++) {
    const rates: Record<string, number> = {};
    const cpus: Record<string, number> = {};
    const jobs: Record<string, number> = {};
    // Odd rounds run the protocols in the order given, even rounds in reverse: the first run of a round pays more of
    // the bench process's warm-up (JIT, heap growth), which would otherwise always fall on the same protocol.
    for (const name of round % 2 === 1 ? names : [...names].reverse()) {
      const figures = await overRedis(redisUrl, redisPid, 'message', scenario, ticks, name);
      const { allowed, refused, denied } = hopsOf(exchangeProtocol(name));
      const n = figures.exchanges;
      const commands = commandCount(figures.commands);
      rates[name] = rate(n, figures.ms);
      cpus[name] = cpuTotal(figures.cpu) / n;
      jobs[name] = figures.jobs / n;
      const label = rounds > 1 ? `${name} ${round}` : name;
      console.log(
        `   ${label.padEnd(10)} ${fmt(rates[name]).padStart(11)} ${percentile(figures.latenciesMs, 50).toFixed(1).padStart(8)} ${percentile(figures.latenciesMs, 99).toFixed(1).padStart(8)}  ${`${allowed}/${refused}/${denied}`.padEnd(29)}  ${(figures.jobs / n).toFixed(2).padStart(9)}  ${fmt((figures.commands['bytes in']?.calls ?? 0) / n).padStart(10)}  ${(commands / n).toFixed(1).padStart(15)}  ${fmt((cpuTotal(figures.cpu) / n) * 1e6).padStart(11)}  ${figures.digestMatches ? '= inproc' : '≠ inproc!'}`,
      );
      costs.push(`   ${label}: ${cpuLine(figures.cpu, n)}`, `   ${' '.repeat(label.length)}  ${commandLine(figures.commands, figures.jobs)}`);
    }
    for (const name of names.filter((p) => p !== 'hub' && rates.hub !== undefined)) {
      const ratio = (ratios[name] ??= { throughput: [], cpu: [], jobs: [] });
      ratio.throughput.push(rates[name] / rates.hub);
      ratio.cpu.push(cpus.hub / cpus[name]);
      ratio.jobs.push(jobs.hub / jobs[name]);
    }
  }
  console.log(costs.join('\n'));
  const median = (values: number[]) => (rounds > 1 ? `${percentile(values, 50).toFixed(2)} (rounds: ${values.map((r) => r.toFixed(2)).join(', ')}; median)` : values[0].toFixed(2));
  // With rounds, the mean of each ratio and its 95 % interval: how far this run's rounds pin it down.
  const interval = (values: number[]) => {
    const { mean, ciLow, ciHigh } = meanInterval(values);
    return `${mean.toFixed(3)} (${ciLow.toFixed(3)}–${ciHigh.toFixed(3)})`;
  };
  for (const [name, { throughput, cpu, jobs: jobRatios }] of Object.entries(ratios)) {
    const spread = rounds > 1 ? `; means and 95 % intervals ${interval(throughput)} by throughput, ${interval(cpu)} by CPU` : '';
    console.log(`   ${name} ÷ hub throughput: ${median(throughput)}; by CPU per exchange (hub's ÷ ${name}'s): ${median(cpu)}${spread}`);
    // Each job costs about the same wherever it goes (~40 Redis commands, a queue add, a worker's take and finish), so
    // while that per-job cost dominates, the ratio of jobs per exchange is about the most a protocol can gain.
    console.log(`   ${' '.repeat(name.length)}   jobs per exchange, hub's ÷ ${name}'s: ${median(jobRatios)} (the ceiling while each job costs about the same)`);
  }
}

/**
 * The transport layer alone, in one process (bench/protocol/transport-layer.ts): SiloLab's outbox and inbox against
 * the signed layout's per-message work, in rounds run back to back (SILOLAB_BENCH_LAYER_ROUNDS, default 3;
 * SILOLAB_BENCH_LAYER_MESSAGES per round, default 10,000), after one untimed round of each. What SiloLab's transport
 * itself adds to a message, apart from the services, the desks and the processes.
 */
async function compareTransportLayers(redisUrl: string, redisPid: number | null): Promise<void> {
  const rounds = envInteger('SILOLAB_BENCH_LAYER_ROUNDS', '3', 1);
  const messages = envInteger('SILOLAB_BENCH_LAYER_MESSAGES', '10000', 100);
  const ratios: number[] = [];
  const lines: string[] = [];
  // One round of each side untimed first: the first round in a process pays for compiling either side's code.
  await silolabTransportLayer(redisUrl, redisPid, Math.min(messages, 2000));
  await signedTransportLayer(redisUrl, redisPid, Math.min(messages, 2000));
  for (let round = 0; round < rounds; round++) {
    const silolab = await silolabTransportLayer(redisUrl, redisPid, messages);
    const signed = await signedTransportLayer(redisUrl, redisPid, messages);
    const total = (result: TransportLayerResult) => result.nodeUs + (Number.isNaN(result.redisUs) ? 0 : result.redisUs);
    ratios.push(total(signed) / total(silolab));
    lines.push(`node ${silolab.nodeUs.toFixed(0)} / ${signed.nodeUs.toFixed(0)}, redis ${silolab.redisUs.toFixed(0)} / ${signed.redisUs.toFixed(0)}`);
  }
  console.log(`   transport layer alone (one process, ${fmt(messages)} messages, outbox → inbox, a handler that only counts), CPU µs per message SiloLab / signed: ${lines.join('; ')}`);
  console.log(`   transport layer alone, signed ÷ SiloLab by CPU per message: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${percentile(ratios, 50).toFixed(2)}`);
}

/**
 * SiloLab's exchange logic alone (bench/protocol/exchange-logic.ts): the same scenario and ticks in `message` delivery,
 * its endpoints, desks, outcome collector and engine in this process, messages handed over as objects. With the
 * transport layer alone, it splits SiloLab's cost over the signed layout into its own code and what the code costs
 * once it runs between other processes' work (docs/transport.md §7.10).
 */
async function exchangeLogicLine(scenario: Scenario, ticks: BenchTicks, engineUsPerExchange: number): Promise<void> {
  const runs: ExchangeLogicResult[] = [];
  // The first run pays for compiling the code: three after it, the median printed.
  await exchangeLogicAlone(scenario, ticks);
  for (let run = 0; run < 3; run++) runs.push(await exchangeLogicAlone(scenario, ticks));
  const median = (pick: (result: ExchangeLogicResult) => number) => percentile(runs.map(pick), 50);
  console.log(
    `   exchange logic alone (endpoints, desks, outcome collector and engine in one process; messages handed over as objects, not signed, queued or parsed), median of 3 runs: ${median((r) => r.perMessageUs).toFixed(1)} µs CPU per message, ${median((r) => r.perExchangeUs).toFixed(1)} per exchange (${median((r) => r.messagesPerExchange).toFixed(2)} messages per exchange; the engine alone ${engineUsPerExchange.toFixed(1)})`,
  );
}

async function main(): Promise<void> {
  const local = process.env.REDIS_URL ? null : await startLocalRedis();
  const redisUrl = process.env.REDIS_URL ?? local!.url;
  const connection = { url: redisUrl };
  const redisPid = local?.pid ?? null;
  const rawPids: Record<string, number> = redisPid === null ? { bench: process.pid } : { bench: process.pid, redis: redisPid };
  if (counter) {
    // Every service this bench starts, SiloLab's and the baselines', loads the counter (serviceNodeArgs reads this).
    const preload = countSites ? 'work-counter-sites-preload.js' : 'work-counter-preload.js';
    process.env.SILOLAB_SERVICE_NODE_ARGS = `${process.env.SILOLAB_SERVICE_NODE_ARGS ?? ''} -r ${join(__dirname, 'support', preload)}`;
    clearWorkCounts();
    counter.start();
  }
  try {
    const os = require('node:os') as typeof import('node:os');
    console.log(`SiloLab redis transport — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}, Redis ${redisUrl}`);
    console.log('CPU per exchange counts every process on the path (and Redis when started here). The machine\'s other load moves it less than throughput, but by up to ±20 % between runs of the same work: compare pairs run back to back.');
    if (counter) console.log('SILOLAB_BENCH_COUNT=1: every process also counts promises, allocation and GC time (counting slows them: CPU figures of this run are not comparable with an uncounted one).');

    const only = process.env.SILOLAB_BENCH_ONLY; // 'message' or 'tick' runs one part (for profiling); default both
    // Ticks per run: SILOLAB_BENCH_WARMUP_TICKS untimed (default 12), then SILOLAB_BENCH_TICKS timed (default 12). The
    // first tick loads the rules everywhere; the next ones still warm up freshly started processes (JIT, heap growth),
    // and SiloLab's services, with more code to compile than the baselines', pay more of it: timing them would measure
    // how fast a process starts rather than what a message costs (docs/transport.md §7.6).
    const benchTicks: BenchTicks = { warmup: envInteger('SILOLAB_BENCH_WARMUP_TICKS', '12', 1), timed: envInteger('SILOLAB_BENCH_TICKS', '12', 1) };
    if (only === undefined || only === 'protocols') await compareProtocols(redisUrl, redisPid, benchTicks);
    if (only !== 'tick' && only !== 'protocols') {
      const messageTicks = benchTicks;
      const messageScale = envInteger('SILOLAB_BENCH_MESSAGE_SCALE', '4', 1);
      const messageScenario = workshop(messageScale);
      console.log(`\n1. delivery message: workshop-small (12 departments, 2 department processes), demand ×${messageScale}, ${ticksLabel(messageTicks)}`);
      const message = await overRedis(redisUrl, redisPid, 'message', messageScenario, messageTicks);
      const messageHops = 5;
      const rawMeasured = await startMeasuring(redisUrl, rawPids);
      const rawMessage: HopsResult = await rawBullMqHops(connection, { hops: messageHops, messages: message.exchanges, batch: 1 });
      const { cpu: rawMessageCpu, commands: rawMessageCommands } = await rawMeasured();
      const layoutMessage = await rawLayout(redisUrl, redisPid, 'message', messageScenario, message);
      const signedMessage = await rawLayout(redisUrl, redisPid, 'message', messageScenario, message, true);
      const bodiesMessage = await rawLayout(redisUrl, redisPid, 'message', messageScenario, message, true, true);
      console.log(line('SiloLab redis/message', message.exchanges, message.ms, message.latenciesMs, `   (${fmt(message.exchanges)} exchanges, ${fmt(message.jobs)} jobs, digest ${message.digestMatches ? '= inproc' : '≠ inproc!'})`));
      console.log(line(`raw BullMQ, ${messageHops} hops, 1 per job`, message.exchanges, rawMessage.elapsedMs, rawMessage.latenciesMs, `   (${fmt(message.exchanges * messageHops)} jobs, 1 process, 5 queues)`));
      if (layoutInbox() === 'process') console.log('   (SILOLAB_BENCH_LAYOUT_INBOX=process: the layout baselines below have one queue per department process, SiloLab one per department)');
      console.log(line(`raw BullMQ, SiloLab's layout`, layoutMessage.exchanges, layoutMessage.elapsedMs, layoutMessage.latenciesMs, `   (${fmt(layoutMessage.jobs)} jobs, ${layoutMessage.processes} processes, same routes and tick barriers)`));
      console.log(line(`  + signatures and marks`, signedMessage.exchanges, signedMessage.elapsedMs, signedMessage.latenciesMs, `   (the same, each job signed, verified and marked processed)`));
      console.log(line(`  + SiloLab's bodies`, bodiesMessage.exchanges, bodiesMessage.elapsedMs, bodiesMessage.latenciesMs, `   (the same, each job also carrying the exchange.*.v1 body SiloLab's message carries on that hop)`));
      const jobsRatio = rate(message.jobs, message.ms) / rate(message.exchanges * messageHops, rawMessage.elapsedMs);
      console.log(`   ratio to raw: ${(rate(message.exchanges, message.ms) / rate(message.exchanges, rawMessage.elapsedMs)).toFixed(2)} by exchanges, ${jobsRatio.toFixed(2)} by jobs/s (denied requests take 3 hops, not 5), ${cpuRatio(rawMessageCpu, message.cpu)} by CPU per exchange`);
      console.log(`   ratio to raw in SiloLab's layout: ${(layoutMessage.elapsedMs / message.ms).toFixed(2)} by exchanges (same exchanges, same jobs), ${cpuRatio(layoutMessage.cpu, message.cpu)} by CPU per exchange`);
      console.log(`   ratio of the signed layout to raw: ${(rawMessage.elapsedMs / signedMessage.elapsedMs).toFixed(2)} by exchanges, ${cpuRatio(rawMessageCpu, signedMessage.cpu)} by CPU per exchange — the most any transport in this layout that signs, verifies and marks each message can reach`);
      console.log(`   SiloLab: ${cpuLine(message.cpu, message.exchanges)}`);
      console.log(`   raw:     ${cpuLine(rawMessageCpu, message.exchanges)}`);
      console.log(`   layout:  ${cpuLine(layoutMessage.cpu, message.exchanges)}`);
      console.log(`   signed:  ${cpuLine(signedMessage.cpu, message.exchanges)}`);
      console.log(`   bodies:  ${cpuLine(bodiesMessage.cpu, message.exchanges)}`);
      console.log(`   inproc:  ${cpuLine(message.engineCpu, message.exchanges)} — the whole simulation in one process, same ticks`);
      console.log(`   SiloLab: ${commandLine(message.commands, message.jobs)}`);
      console.log(`   raw:     ${commandLine(rawMessageCommands, message.exchanges * messageHops)}`);
      console.log(`   layout:  ${commandLine(layoutMessage.commands, layoutMessage.jobs)}`);
      console.log(`   signed:  ${commandLine(signedMessage.commands, signedMessage.jobs)}`);
      console.log(`   bodies:  ${commandLine(bodiesMessage.commands, bodiesMessage.jobs)}`);
      if (message.work && signedMessage.work && bodiesMessage.work) {
        console.log(`   SiloLab: ${workLine(message.work, message.exchanges)}`);
        console.log(`   signed:  ${workLine(signedMessage.work, signedMessage.exchanges)}`);
        console.log(`   bodies:  ${workLine(bodiesMessage.work, bodiesMessage.exchanges)}`);
        if (countSites) {
          console.log('   promises per exchange by the site in the code that made them (SILOLAB_BENCH_SITES=1), SiloLab:');
          for (const text of siteLines(message.work, message.exchanges)) console.log(text);
          console.log('   signed layout:');
          for (const text of siteLines(signedMessage.work, signedMessage.exchanges)) console.log(text);
        }
      }
      // SiloLab's own cost: SiloLab against the signed layout, in sets run back to back (the first set is the one
      // above), so that a change in the machine's load hits every side of a set alike. The order rotates from set to
      // set (SiloLab, signed, bodies; signed, bodies, SiloLab; bodies, SiloLab, signed), so that a steady drift favours
      // none; the baselines replay the routes of the first SiloLab run. The signed layout with SiloLab's bodies splits
      // SiloLab's cost over the signed layout into what its messages carry (the exchange's content, the same in any
      // protocol) and the rest (its envelope fields, checks, desks, framework).
      const pairs = envInteger('SILOLAB_BENCH_PAIRS', '5', 1);
      // Per process, each set's ratio: a change in one service shows in its own column, above the noise of the total.
      const byProcess: Array<Record<string, number>> = [processRatios(signedMessage.cpu, message.cpu)];
      const ratios = [cpuTotal(signedMessage.cpu) / cpuTotal(message.cpu)];
      const bodiesRatios = [cpuTotal(bodiesMessage.cpu) / cpuTotal(message.cpu)];
      for (let pair = 1; pair < pairs; pair++) {
        const order = (['silolab', 'signed', 'bodies'] as const).map((_, k, all) => all[(k + pair) % 3]);
        const runs: Partial<Record<(typeof order)[number], { cpu: Record<string, number> }>> = {};
        for (const side of order) {
          if (side === 'silolab') {
            const silolab = await overRedis(redisUrl, redisPid, 'message', messageScenario, messageTicks);
            if (silolab.exchanges !== message.exchanges || silolab.jobs !== message.jobs) throw new Error(`set ${pair + 1}: SiloLab ran ${silolab.exchanges} exchanges in ${silolab.jobs} jobs, the first run ${message.exchanges} in ${message.jobs}`);
            runs.silolab = silolab;
          } else runs[side] = await rawLayout(redisUrl, redisPid, 'message', messageScenario, message, true, side === 'bodies');
        }
        ratios.push(cpuTotal(runs.signed!.cpu) / cpuTotal(runs.silolab!.cpu));
        byProcess.push(processRatios(runs.signed!.cpu, runs.silolab!.cpu));
        bodiesRatios.push(cpuTotal(runs.bodies!.cpu) / cpuTotal(runs.silolab!.cpu));
      }
      const listed = (values: number[]) => `${values.map((r) => r.toFixed(2)).join(', ')}; median ${percentile(values, 50).toFixed(2)}`;
      // The target is read off the median; the mean's interval says how far this run's sets pin it down.
      const interval = meanInterval(ratios);
      const spread = pairs > 1 ? `; mean ${interval.mean.toFixed(3)}, 95 % interval ${interval.ciLow.toFixed(3)}–${interval.ciHigh.toFixed(3)}` : '';
      console.log(`   SiloLab ÷ signed layout by CPU per exchange, ${pairs} sets run back to back (order rotating): ${listed(ratios)}${spread} (target ≥ 0.90)`);
      console.log(`   SiloLab ÷ signed layout carrying SiloLab's bodies, the same sets: ${listed(bodiesRatios)}`);
      console.log(`   SiloLab ÷ signed layout by process, the same sets: ${Object.keys(byProcess[0]).map((name) => `${name} ${listed(byProcess.map((set) => set[name]))}`).join('; ')}`);
      await compareTransportLayers(redisUrl, redisPid);
      await exchangeLogicLine(messageScenario, messageTicks, (cpuTotal(message.engineCpu) / message.exchanges) * 1e6);
    }
    // Tick delivery at two tick sizes: a tick costs a fixed number of batches (one per requester, per (requester,
    // owner) pair and per outcome batch) whatever its size, so exchanges/s grows with the exchanges per tick.
    const tickScales = only === 'message' || only === 'protocols' ? [] : envIntegers('SILOLAB_BENCH_TICK_SCALES', '400,1200', 1);
    const tickTicks = benchTicks;
    for (const [part, tickScale] of tickScales.entries()) {
      const tickScenario = workshop(tickScale);
      console.log(`\n${2 + part}. delivery tick: workshop-small, demand ×${tickScale}, ${ticksLabel(tickTicks)}`);
      const tick = await overRedis(redisUrl, redisPid, 'tick', tickScenario, tickTicks);
      const perJob = Math.max(1, Math.round(tick.exchanges / tickTicks.timed / 12));
      const rawMeasured = await startMeasuring(redisUrl, rawPids);
      const rawTick = await rawBullMqHops(connection, { hops: 5, messages: tick.exchanges, batch: perJob });
      const { cpu: rawTickCpu, commands: rawTickCommands } = await rawMeasured();
      const layoutTick = await rawLayout(redisUrl, redisPid, 'tick', tickScenario, tick);
      console.log(line('SiloLab redis/tick', tick.exchanges, tick.ms, tick.latenciesMs, `   (${fmt(tick.exchanges)} exchanges, ${fmt(tick.exchanges / tickTicks.timed)} per tick, ${fmt(tick.jobs)} jobs, digest ${tick.digestMatches ? '= inproc' : '≠ inproc!'})`));
      console.log(line(`raw BullMQ, 5 hops, ${fmt(perJob)} per job`, tick.exchanges, rawTick.elapsedMs, rawTick.latenciesMs, `   (1 process, 5 queues)`));
      console.log(line(`raw BullMQ, SiloLab's layout`, layoutTick.exchanges, layoutTick.elapsedMs, layoutTick.latenciesMs, `   (${fmt(layoutTick.jobs)} jobs, ${layoutTick.processes} processes, same routes and tick barriers)`));
      console.log(`   ratio to raw: ${(rate(tick.exchanges, tick.ms) / rate(tick.exchanges, rawTick.elapsedMs)).toFixed(2)}, ${cpuRatio(rawTickCpu, tick.cpu)} by CPU per exchange; target 100,000 exchanges/s`);
      console.log(`   ratio to raw in SiloLab's layout: ${(layoutTick.elapsedMs / tick.ms).toFixed(2)} by exchanges (same exchanges, same jobs), ${cpuRatio(layoutTick.cpu, tick.cpu)} by CPU per exchange`);
      console.log(`   SiloLab: ${cpuLine(tick.cpu, tick.exchanges)}`);
      console.log(`   raw:     ${cpuLine(rawTickCpu, tick.exchanges)}`);
      console.log(`   layout:  ${cpuLine(layoutTick.cpu, tick.exchanges)}`);
      console.log(`   inproc:  ${cpuLine(tick.engineCpu, tick.exchanges)} — the whole simulation in one process, same ticks`);
      console.log(`   SiloLab: ${commandLine(tick.commands, tick.jobs)}`);
      console.log(`   raw:     ${commandLine(rawTickCommands, 5 * Math.ceil(tick.exchanges / perJob))}`);
      console.log(`   layout:  ${commandLine(layoutTick.commands, layoutTick.jobs)}`);
    }
  } finally {
    await local?.stop();
    if (counter) clearWorkCounts();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
