// A run's process and Redis faults, each injected when its tick opens, and the run's fault report.
import type Redis from 'ioredis';
import { median } from 'simple-statistics';
import type { FaultEvent, FaultReport, Faults, InjectedFault } from '@silolab/model';
import type { FaultCount } from '@silolab/protocol';
import type { LocalRedis } from '../local-redis';
import type { ServiceSupervisor } from '../service-supervisor';

/** The Redis hash every party of a run counts its faults into (HINCRBY, field per {@link FaultCount}). */
export function faultCountsKey(prefix: string, run: string): string {
  return `${prefix}:${run}:faults`;
}

/** Counts kept as sets of distinct members (`${key}:${event}`); the others are fields of the hash `key`. */
const DISTINCT: readonly FaultCount[] = ['dropped', 'duplicated', 'delayed', 'reordered', 'duplicateDropped', 'duplicateHandled'];

/** A counter into the run's fault counts (sent, not awaited; a failed count is only a count). */
export function faultCounter(redis: Redis, key: string): (event: FaultCount, member?: string) => void {
  return (event, member) => void (member === undefined ? redis.hincrby(key, event, 1) : redis.sadd(`${key}:${event}`, member)).catch(() => undefined);
}

/** Reads the run's fault counts, by event. */
export async function readFaultCounts(redis: Redis, key: string): Promise<Record<FaultCount, number>> {
  const [hash, ...distinct] = await Promise.all([redis.hgetall(key), ...DISTINCT.map((event) => redis.scard(`${key}:${event}`))]);
  const counts = Object.fromEntries(Object.entries(hash).map(([field, value]) => [field, Number(value)])) as Record<FaultCount, number>;
  DISTINCT.forEach((event, k) => (counts[event] = distinct[k]));
  return counts;
}

/** What the plan breaks: the services, and the Redis the transport started (null: a Redis it does not own). */
export interface FaultTargets {
  services: ServiceSupervisor;
  /** The name of the service process hosting department `index`. */
  departmentProcess(index: number): string;
  redis: LocalRedis | null;
  log(line: string): void;
}

/** Checks that `faults` can be injected into these targets (before anything is started). */
export function checkFaultTargets(faults: Faults, ownsRedis: boolean): void {
  faults.events.forEach((event, e) => {
    if (event.fault === 'restart-redis' && !ownsRedis) {
      throw new Error(`faults.events[${e}]: restart-redis needs the Redis the transport starts itself (with AOF on); unset REDIS_URL`);
    }
  });
}

interface Fired extends InjectedFault {
  at: number;
}

/**
 * Fires each event once the first requests of the first tick at or after its `tick` are queued (a tick without
 * requests sends nothing) and times its recovery: until every request of that tick had its outcome. Ticks without a fault give the median to
 * compare with.
 */
export class FaultPlan {
  private readonly pending: FaultEvent[];
  private readonly fired: Fired[] = [];
  private readonly frozen = new Map<string, NodeJS.Timeout>();
  private readonly tickStart = new Map<number, number>();
  private readonly quietTickMs = new Map<number, number>();
  private faultTicks = new Set<number>();

  constructor(
    faults: Faults,
    private readonly targets: FaultTargets,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.pending = [...faults.events].sort((a, b) => a.tick - b.tick);
  }

  /** `tick` opens. */
  beforeTick(tick: number): void {
    this.tickStart.set(tick, this.now());
  }

  /**
   * The requests of a chunk of `tick` are queued: injects the events due by `tick`, so each hits a run with messages
   * in flight (awaited: a Redis restart is complete, a kill or stop has been sent).
   */
  async afterSend(tick: number): Promise<void> {
    while (this.pending.length > 0 && this.pending[0].tick <= tick) {
      const event = this.pending.shift()!;
      const at = this.now();
      const target = await this.inject(event);
      this.targets.log(`fault injected at tick ${tick}: ${event.fault} (${target})`);
      this.fired.push({ fault: event.fault, tick, target, at, recoveryMs: null });
      this.faultTicks.add(tick);
    }
  }

  /** Every request sent so far in `tick` has its outcome. */
  afterChunk(tick: number): void {
    const now = this.now();
    for (const fired of this.fired) if (fired.tick === tick) fired.recoveryMs = Math.round(now - fired.at);
    const start = this.tickStart.get(tick);
    if (start !== undefined && !this.faultTicks.has(tick)) this.quietTickMs.set(tick, now - start);
  }

  /** Continues any process still frozen (a run that ends during a cut-off). */
  release(): void {
    for (const [name, timer] of this.frozen) {
      clearTimeout(timer);
      this.continue(name);
    }
  }

  /** The report: these events, the counts of the run's fault hash and the supervisor's restarts. */
  report(counts: Partial<Record<FaultCount, number>>): FaultReport {
    const n = (field: FaultCount) => counts[field] ?? 0;
    const quiet = [...this.quietTickMs.values()];
    return {
      injected: { dropped: n('dropped'), duplicated: n('duplicated'), delayed: n('delayed'), reordered: n('reordered') },
      events: this.fired.map(({ at: _at, ...fired }) => fired),
      survived: { redeliveries: n('redelivered'), duplicatesDropped: n('duplicateDropped'), duplicatesHandled: n('duplicateHandled'), restarts: this.targets.services.restartCount },
      medianTickMs: quiet.length > 0 ? Math.round(median(quiet)) : null,
    };
  }

  private async inject(event: FaultEvent): Promise<string> {
    const { services } = this.targets;
    switch (event.fault) {
      case 'kill-hub':
        services.kill('hub');
        return 'hub';
      case 'kill-department': {
        const name = this.targets.departmentProcess(event.department);
        services.kill(name);
        return name;
      }
      case 'cut-off': {
        const name = this.targets.departmentProcess(event.department);
        if (this.frozen.has(name)) return `${name} (already cut off)`;
        services.kill(name, 'SIGSTOP');
        this.frozen.set(name, setTimeout(() => this.continue(name), event.seconds * 1000));
        return `${name} for ${event.seconds} s`;
      }
      case 'restart-redis': {
        const redis = this.targets.redis;
        if (!redis) throw new Error('restart-redis: the transport did not start this Redis');
        await redis.restart(event.downSeconds * 1000);
        return `${redis.url}, down ${event.downSeconds} s`;
      }
    }
  }

  private continue(name: string): void {
    this.frozen.delete(name);
    try {
      this.targets.services.kill(name, 'SIGCONT');
    } catch (error) {
      this.targets.log(`cut-off of ${name}: ${(error as Error).message}`);
    }
  }
}
