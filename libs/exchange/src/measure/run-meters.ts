// Measuring a stretch of a run over Redis: CPU of each process (from /proc) and Redis's own commands and input bytes.
// Shared by the benchmarks (bench/redis.ts) and `silolab lab`.
import { readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { quantile } from 'simple-statistics';

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN where unreadable. */
export function cpuSeconds(pid: number): number {
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
export function cpuMeter(pids: Record<string, number>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid) - before[name]]));
}

/** Calls and Redis-side µs per command name, from `INFO commandstats`; `bytes in` holds the input bytes as its calls. */
export type CommandStats = Record<string, { calls: number; usec: number }>;

async function commandStats(redisUrl: string): Promise<CommandStats> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const stats: CommandStats = {};
    const net = /^total_net_input_bytes:(\d+)/m.exec(await redis.info('stats'));
    stats['bytes in'] = { calls: Number(net?.[1] ?? 0), usec: 0 };
    for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
      stats[match[1]] = { calls: Number(match[2]), usec: Number(match[3]) };
    }
    return stats;
  } finally {
    redis.disconnect();
  }
}

/** Redis commands run between two calls (the meter's own INFO included, one each way): `const done = await commandMeter(url); …; await done()`. */
export async function commandMeter(redisUrl: string): Promise<() => Promise<CommandStats>> {
  const before = await commandStats(redisUrl);
  return async () => {
    const after = await commandStats(redisUrl);
    const delta: CommandStats = {};
    for (const [name, { calls, usec }] of Object.entries(after)) {
      const was = before[name] ?? { calls: 0, usec: 0 };
      if (calls > was.calls) delta[name] = { calls: calls - was.calls, usec: usec - was.usec };
    }
    return delta;
  };
}

/** Redis commands in `stats`, without the meters' own (INFO, CLIENT) and the input bytes. */
export function commandCount(stats: CommandStats): number {
  return Object.entries(stats)
    .filter(([command]) => command !== 'info' && command !== 'bytes in' && !command.startsWith('client|'))
    .reduce((sum, [, s]) => sum + s.calls, 0);
}

/** What a stretch of the run cost: CPU seconds per process and the Redis commands run. */
export interface Measured {
  cpu: Record<string, number>;
  commands: CommandStats;
}

/** Starts measuring CPU of `pids` and Redis's commands; the function it resolves to stops and reports. */
export async function startMeasuring(redisUrl: string, pids: Record<string, number>): Promise<() => Promise<Measured>> {
  const commandsDone = await commandMeter(redisUrl);
  const cpuDone = cpuMeter(pids);
  return async () => {
    const cpu = cpuDone();
    return { cpu, commands: await commandsDone() };
  };
}

/** Total CPU seconds of a {@link cpuMeter} reading. */
export const cpuTotal = (cpu: Record<string, number>) => Object.values(cpu).reduce((a, b) => a + b, 0);

/**
 * The p-th percentile of `values`, interpolated linearly between the two nearest ranks (simple-statistics' quantile,
 * numpy's default): the 50th of an even count is the mean of the middle two. NaN when empty.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  return quantile(values as number[], p / 100);
}
