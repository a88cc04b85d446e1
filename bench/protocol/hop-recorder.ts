// What the hop benchmarks measure, and the recorder both of them use so they are measured the same way.
import { performance } from 'node:perf_hooks';

/** Shape of a hop run: `messages` messages through `hops` queues, `batch` messages per job. */
export interface HopsOptions {
  hops: number;
  messages: number;
  /** Messages per job (1 = one job per message). */
  batch: number;
  /** Redis key prefix; default a fresh unique one (its keys are deleted afterwards). */
  prefix?: string;
  /** Give up (and reject) after this many ms. Default 120000. */
  timeoutMs?: number;
}

/** What a hop run measured. */
export interface HopsResult {
  /** Wall time from the first send to the last arrival, ms. */
  elapsedMs: number;
  /** Per message: arrival at the last hop minus the moment its job was handed to the first queue, ms. */
  latenciesMs: number[];
  /** Message keys in the order they reached the last hop (each exactly once if delivery is exactly-once). */
  arrivals: string[];
}

/** Validates hop options; errors name the option and what was expected. */
export function checkHopsOptions(options: HopsOptions): Required<Omit<HopsOptions, 'prefix'>> {
  for (const key of ['hops', 'messages', 'batch'] as const) {
    const value = options[key];
    if (!Number.isInteger(value) || value < 1) throw new Error(`hops option ${key}: expected an integer >= 1, got ${String(value)}`);
  }
  return { hops: options.hops, messages: options.messages, batch: options.batch, timeoutMs: options.timeoutMs ?? 120_000 };
}

/** Splits message keys 0..n-1 into jobs of `batch`. */
export function chunkKeys(messages: number, batch: number): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < messages; start += batch) {
    chunks.push(Array.from({ length: Math.min(batch, messages - start) }, (_unused, offset) => `m${start + offset}`));
  }
  return chunks;
}

/** Records send and arrival times per message key; `done` settles when every message arrived once. */
export class HopRecorder {
  private readonly sentAt = new Map<string, number>();
  private readonly arrivals: string[] = [];
  private readonly latencies: number[] = [];
  private startedAt = 0;
  private finish: (() => void) | null = null;
  readonly done: Promise<void>;

  constructor(private readonly expected: number) {
    this.done = new Promise<void>((resolve) => (this.finish = resolve));
  }

  /** Marks the start of the run. */
  start(): void {
    this.startedAt = performance.now();
  }

  /** Marks `keys` as handed to the first queue now. */
  sent(keys: readonly string[]): void {
    const now = performance.now();
    for (const key of keys) this.sentAt.set(key, now);
  }

  /** Marks `keys` as arrived at the last hop now. */
  arrived(keys: readonly string[]): void {
    const now = performance.now();
    for (const key of keys) {
      this.arrivals.push(key);
      this.latencies.push(now - (this.sentAt.get(key) ?? now));
    }
    if (this.arrivals.length >= this.expected) this.finish?.();
  }

  /** Waits for every arrival (or rejects after `timeoutMs`) and returns the measurements. */
  async result(timeoutMs: number): Promise<HopsResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`hops: ${this.arrivals.length} of ${this.expected} messages arrived within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.done, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return { elapsedMs: performance.now() - this.startedAt, latenciesMs: [...this.latencies], arrivals: [...this.arrivals] };
  }
}
