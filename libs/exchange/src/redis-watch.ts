// Watching the Redis a run depends on, so that losing it ends the run at once with the cause, never a long stall.
import type Redis from 'ioredis';

/** How a Redis is named in messages: its URL without user name or password, or host:port. */
export function redisName(connection: { url?: string; host?: string; port?: number; [option: string]: unknown }): string {
  if (typeof connection.url !== 'string') return `${connection.host ?? '127.0.0.1'}:${connection.port ?? 6379}`;
  try {
    const url = new URL(connection.url);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return 'the configured Redis';
  }
}

/** How long Redis may stay unreachable before the run fails, in ms (ioredis reconnects in the meantime). */
export const REDIS_UNREACHABLE_MS = 15_000;

/**
 * Checks, when asked (the resolver's watchdog asks about once a second), that Redis is reachable and still holds the
 * run: the key `sentinel` (the run context, published when the run starts and kept for a day) must exist. A Redis
 * restarted with AOF on reloads it; one restarted without persistence, or flushed, has lost every queued job, and
 * the run cannot complete — so this says so instead of waiting for outcomes that will never come.
 */
export class RedisWatch {
  private downSince: number | null = null;
  private inFlight = false;
  private verdict: Error | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly sentinel: string,
    /** How the Redis is named in messages (its URL). */
    private readonly name: string,
    private readonly unreachableMs = REDIS_UNREACHABLE_MS,
  ) {}

  /** What is wrong with Redis so far (null: nothing known), after starting one more check at time `now` (ms). */
  check(now: number): Error | null {
    if (this.verdict) return this.verdict;
    if (this.redis.status !== 'ready') {
      this.downSince ??= now;
      if (now - this.downSince > this.unreachableMs) this.verdict = new Error(`lost the connection to Redis at ${this.name} for ${Math.round((now - this.downSince) / 1000)} s: the run cannot continue without it`);
      return this.verdict;
    }
    this.downSince = null;
    if (!this.inFlight) {
      this.inFlight = true;
      this.redis
        .exists(this.sentinel)
        .then((found) => {
          if (found === 0) this.verdict = new Error(`Redis at ${this.name} no longer holds this run (its key ${this.sentinel} is gone): it restarted without persistence or was flushed, so every queued message is lost. Run Redis with AOF on (appendonly yes) to survive restarts`);
        })
        .catch(() => undefined)
        .finally(() => (this.inFlight = false));
    }
    return this.verdict;
  }
}
