// `node dist/bench/redis.js`: exchanges/s over the redis transport in `message` and `tick` delivery, each beside bare
// BullMQ moving the same number of messages through the same number of queue hops in the same run; p50/p99 latency.
// Figures are printed, never asserted. Redis: REDIS_URL, or a local redis-server started for the run.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Simulation } from '@silolab/engine';
import { RedisResolver, startLocalRedis } from '@silolab/exchange';
import { applyOverrides, type Scenario } from '@silolab/model';
import { rawBullMqHops, type HopsResult } from '@silolab/protocol';
import { loadScenarioFile } from '@silolab/runner';
import { createResolver } from '../apps/cli/src/transports';

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN where unreadable. */
function cpuSeconds(pid: number): number {
  if (pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  }
  try {
    // Fields after the command's closing parenthesis: state is field 3, utime 14 and stime 15 (clock ticks, 100/s).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** CPU seconds used by each of `pids` between two calls: `const done = cpuMeter(pids); …; done()`. */
function cpuMeter(pids: Record<string, number>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid) - before[name]]));
}

/** `12.3 µs CPU per exchange (orchestrator 3.1, hub 4.0, …)`: CPU seconds per process over `count` exchanges. */
function cpuLine(cpu: Record<string, number>, count: number): string {
  const total = Object.values(cpu).reduce((a, b) => a + b, 0);
  const parts = Object.entries(cpu).map(([name, seconds]) => `${name} ${((seconds / count) * 1e6).toFixed(1)}`);
  return `${((total / count) * 1e6).toFixed(1)} µs CPU per exchange (${parts.join(', ')})`;
}
const rate = (count: number, ms: number) => (count / ms) * 1000;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** workshop-small (12 departments) with each service's applications per tick multiplied by `scale`. */
function workshop(scale: number): Scenario {
  const base = loadScenarioFile('workshop-small').scenario;
  const demand = base.demand as Extract<Scenario['demand'], { mode: 'services' }>;
  return applyOverrides(base, { 'policies.provenance': 'digest', 'demand.services': demand.services.map((s) => ({ ...s, applicationsPerTick: s.applicationsPerTick * scale })) });
}

interface TransportFigures {
  exchanges: number;
  jobs: number;
  ms: number;
  latenciesMs: number[];
  digestMatches: boolean;
  /** CPU seconds per process over the timed ticks. */
  cpu: Record<string, number>;
}

/** Runs `ticks` ticks over redis (the first, which loads rules in every service, is excluded from the timing). */
async function overRedis(redisUrl: string, redisPid: number | null, delivery: 'message' | 'tick', scenario: Scenario, ticks: number): Promise<TransportFigures> {
  const reference = new Simulation(scenario, { ticks });
  while (!reference.done) await reference.step();
  const expected = (await reference.finish()).digest;
  const handle = await createResolver('redis', delivery, scenario, { redisUrl, log: () => undefined });
  const resolver = handle.resolver as RedisResolver;
  (resolver as unknown as { options: { recordLatency: boolean } }).options.recordLatency = true;
  try {
    const simulation = new Simulation(scenario, { ticks, resolver });
    await simulation.step();
    const jobsBefore = resolver.stats.jobsSent;
    resolver.stats.latenciesMs.length = 0;
    let exchanges = 0;
    let denied = 0;
    let requesters = 0;
    let owners = 0;
    const pids: Record<string, number> = { orchestrator: process.pid, ...handle.services!.pids() };
    if (redisPid !== null) pids.redis = redisPid;
    const meter = cpuMeter(pids);
    const start = performance.now();
    while (!simulation.done) {
      const { metrics } = await simulation.step();
      exchanges += metrics.requests;
      denied += metrics.denied;
    }
    const ms = performance.now() - start;
    const cpu = meter();
    requesters = resolver.stats.jobsSent - jobsBefore;
    owners = requesters; // tick delivery: one batch per department and hop; all 12 departments request and own
    const digestMatches = (await simulation.finish()).digest === expected;
    // Jobs on the path. message: orchestrator→requester, requester→hub, hub→orchestrator for every exchange, plus
    // hub→owner and owner→hub for the allowed ones. tick: per tick one batch per requester on the first two hops,
    // one per owner on the next two, and one outcome batch per batch the hub handled.
    const jobs = delivery === 'message' ? 3 * exchanges + 2 * (exchanges - denied) : 2 * requesters + 2 * owners + (requesters + owners);
    return { exchanges, jobs, ms, latenciesMs: [...resolver.stats.latenciesMs], digestMatches, cpu };
  } finally {
    await handle.shutdown();
  }
}

function line(label: string, count: number, ms: number, latencies: number[], extra = ''): string {
  return `   ${label.padEnd(30)} ${fmt(rate(count, ms)).padStart(9)} exchanges/s   p50 ${percentile(latencies, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(latencies, 99).toFixed(1).padStart(7)} ms${extra}`;
}

async function main(): Promise<void> {
  const local = process.env.REDIS_URL ? null : await startLocalRedis();
  const redisUrl = process.env.REDIS_URL ?? local!.url;
  const connection = { url: redisUrl };
  const redisPid = local?.pid ?? null;
  const rawPids: Record<string, number> = redisPid === null ? { bench: process.pid } : { bench: process.pid, redis: redisPid };
  try {
    const os = require('node:os') as typeof import('node:os');
    console.log(`SiloLab redis transport — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}, Redis ${redisUrl}`);
    console.log('CPU per exchange counts every process on the path (and Redis when started here): a figure the machine\'s other load hardly moves.');

    const only = process.env.SILOLAB_BENCH_ONLY; // 'message' or 'tick' runs one part (for profiling); default both
    if (only !== 'tick') {
      const messageTicks = 5;
      const messageScenario = workshop(4);
      console.log(`\n1. delivery message: workshop-small (12 departments, 2 department processes), demand ×4, ${messageTicks} ticks (first excluded)`);
      const message = await overRedis(redisUrl, redisPid, 'message', messageScenario, messageTicks);
      const messageHops = 5;
      const rawMeter = cpuMeter(rawPids);
      const rawMessage: HopsResult = await rawBullMqHops(connection, { hops: messageHops, messages: message.exchanges, batch: 1 });
      const rawMessageCpu = rawMeter();
      console.log(line('SiloLab redis/message', message.exchanges, message.ms, message.latenciesMs, `   (${fmt(message.exchanges)} exchanges, ${fmt(message.jobs)} jobs, digest ${message.digestMatches ? '= inproc' : '≠ inproc!'})`));
      console.log(line(`raw BullMQ, ${messageHops} hops, 1 per job`, message.exchanges, rawMessage.elapsedMs, rawMessage.latenciesMs, `   (${fmt(message.exchanges * messageHops)} jobs)`));
      const jobsRatio = rate(message.jobs, message.ms) / rate(message.exchanges * messageHops, rawMessage.elapsedMs);
      console.log(`   ratio to raw: ${(rate(message.exchanges, message.ms) / rate(message.exchanges, rawMessage.elapsedMs)).toFixed(2)} by exchanges, ${jobsRatio.toFixed(2)} by jobs/s (denied requests take 3 hops, not 5)`);
      console.log(`   SiloLab: ${cpuLine(message.cpu, message.exchanges)}`);
      console.log(`   raw:     ${cpuLine(rawMessageCpu, message.exchanges)}`);
    }
    if (only !== 'message') {
      const tickTicks = 4;
      const tickScale = 400;
      const tickScenario = workshop(tickScale);
      console.log(`\n2. delivery tick: workshop-small, demand ×${tickScale}, ${tickTicks} ticks (first excluded)`);
      const tick = await overRedis(redisUrl, redisPid, 'tick', tickScenario, tickTicks);
      const perJob = Math.max(1, Math.round(tick.exchanges / (tickTicks - 1) / 12));
      const rawMeter = cpuMeter(rawPids);
      const rawTick = await rawBullMqHops(connection, { hops: 5, messages: tick.exchanges, batch: perJob });
      const rawTickCpu = rawMeter();
      console.log(line('SiloLab redis/tick', tick.exchanges, tick.ms, tick.latenciesMs, `   (${fmt(tick.exchanges)} exchanges, ${fmt(tick.jobs)} jobs, digest ${tick.digestMatches ? '= inproc' : '≠ inproc!'})`));
      console.log(line(`raw BullMQ, 5 hops, ${fmt(perJob)} per job`, tick.exchanges, rawTick.elapsedMs, rawTick.latenciesMs));
      console.log(`   ratio to raw: ${(rate(tick.exchanges, tick.ms) / rate(tick.exchanges, rawTick.elapsedMs)).toFixed(2)}; target 100,000 exchanges/s`);
      console.log(`   SiloLab: ${cpuLine(tick.cpu, tick.exchanges)}`);
      console.log(`   raw:     ${cpuLine(rawTickCpu, tick.exchanges)}`);
    }
  } finally {
    await local?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
