// Counting the work a process does — promises created, bytes allocated, time in the garbage collector — rather than
// timing it: on this shared 2-core machine CPU time per exchange moves by ±20 % between runs of the same work, while
// these counts do not. The bench (SILOLAB_BENCH_COUNT=1) loads `work-counter-preload.js` into every service it starts
// and signals each one at the start and end of a timed window (docs/transport.md §7.7). With SILOLAB_BENCH_SITES=1 it
// loads `work-counter-sites-preload.js` instead, which also counts promises by the site in SiloLab's code that made
// them (a stack trace per promise: far slower, for finding where promises come from, §7.8).
import { createHook, type AsyncHook } from 'node:async_hooks';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GCProfiler, getHeapStatistics } from 'node:v8';

/** What a process had done when counted: totals since its counter started. */
export interface WorkCount {
  pid: number;
  /** Promises created (every `async` call, `await` of a non-promise, `then`, `Promise.all`, …). */
  promises: number;
  /** Bytes allocated on the JS heap: what each garbage collection found in use beyond what the last one left. */
  allocatedBytes: number;
  /** Milliseconds of garbage collection (all kinds, main thread and helpers as V8 reports them). */
  gcMs: number;
  /**
   * With sites counted: promises created by site — the first stack frame in the project's own code (not Node's, not a
   * package's), as `function (file:line)` — the sites' counts adding up to at most `promises`.
   */
  promiseSites?: Record<string, number>;
}

/** Stack frames searched for a promise's site: deep enough to get out of a package into the code that called it. */
const SITE_FRAMES = 16;

/** `function (file:line)` of the first frame in `stack` that is the project's own code, or `(packages and Node)`: none on the stack (a package's own promises, run from its microtasks). */
export function promiseSite(stack: string): string {
  for (const line of stack.split('\n')) {
    const frame = /^\s+at (?:async )?(?:(.*?) \()?(.*?):(\d+):\d+\)?$/.exec(line);
    if (!frame) continue;
    const [, fn, file, row] = frame;
    if (file.startsWith('node:') || file.includes('/node_modules/') || file.endsWith('work-counter.js') || file.endsWith('work-counter.ts')) continue;
    const short = file.includes('/dist/') ? file.slice(file.lastIndexOf('/dist/') + 6) : file.slice(file.lastIndexOf('/') + 1);
    return `${fn || '(anonymous)'} (${short}:${row})`;
  }
  return '(packages and Node)';
}

/** Counts promises and allocation in this process from `start()` on; `snapshot()` reads the totals. */
export class WorkCounter {
  private promises = 0;
  private allocatedBytes = 0;
  private gcMs = 0;
  private usedAfterLast = 0;
  private profiler: GCProfiler | null = null;
  private started = false;
  private readonly hook: AsyncHook;
  /** Promises by site, when sites are counted (a stack trace per promise: counting then slows a process much more). */
  private readonly sites: Map<string, number> | null;

  constructor(options: { sites?: boolean } = {}) {
    this.sites = options.sites ? new Map() : null;
    const sites = this.sites;
    this.hook = createHook({
      init: sites
        ? (_id, type) => {
            if (type !== 'PROMISE') return;
            this.promises++;
            const holder: { stack?: string } = {};
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = SITE_FRAMES;
            Error.captureStackTrace(holder);
            Error.stackTraceLimit = limit;
            const site = promiseSite(holder.stack ?? '');
            sites.set(site, (sites.get(site) ?? 0) + 1);
          }
        : (_id, type) => void (type === 'PROMISE' && this.promises++),
    });
  }

  /** Starts counting (only PROMISE inits are hooked, so that the hook costs as little as it can). */
  start(): this {
    this.started = true;
    this.hook.enable();
    this.usedAfterLast = getHeapStatistics().used_heap_size;
    this.profiler = new GCProfiler();
    this.profiler.start();
    return this;
  }

  /**
   * The totals now: the garbage collections since the last snapshot, then what is in use beyond the last one's result.
   * After stop(), the totals as they were when it stopped.
   */
  snapshot(): WorkCount {
    if (!this.started) throw new Error('WorkCounter.snapshot: start() first');
    if (this.profiler) this.takeCollections(true);
    const count: WorkCount = { pid: process.pid, promises: this.promises, allocatedBytes: this.allocatedBytes, gcMs: this.gcMs };
    if (this.sites) count.promiseSites = Object.fromEntries(this.sites);
    return count;
  }

  /** Stops counting; snapshot() then keeps answering with the totals at this moment. */
  stop(): void {
    this.hook.disable();
    if (this.profiler) this.takeCollections(false);
    this.profiler = null;
  }

  /** Adds the collections reported since the last call, and what is in use now beyond the last one's result. */
  private takeCollections(restart: boolean): void {
    // GCProfiler reports only when stopped: stop, read, start again (a collection in between is not lost, only late).
    const report = this.profiler!.stop();
    this.profiler = null;
    if (restart) {
      this.profiler = new GCProfiler();
      this.profiler.start();
    }
    for (const gc of report?.statistics ?? []) {
      this.allocatedBytes += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - this.usedAfterLast);
      this.usedAfterLast = gc.afterGC.heapStatistics.usedHeapSize;
      this.gcMs += gc.cost / 1000;
    }
    const used = getHeapStatistics().used_heap_size;
    this.allocatedBytes += Math.max(0, used - this.usedAfterLast);
    this.usedAfterLast = used;
  }
}

/** Where the counted children of process `parentPid` append their snapshots, one JSON line each. */
export function workCountFile(parentPid: number): string {
  return join(tmpdir(), 'silolab-work-counts', `${parentPid}.jsonl`);
}

/** Appends `count` to the file of this process's parent (what the preload does on SIGUSR2). */
export function reportToParent(count: WorkCount): void {
  const file = workCountFile(process.ppid);
  mkdirSync(join(file, '..'), { recursive: true });
  appendFileSync(file, `${JSON.stringify(count)}\n`);
}

/** Removes this process's children's count file (before and after a bench). */
export function clearWorkCounts(): void {
  rmSync(workCountFile(process.pid), { force: true });
}

/** The snapshots children of this process have reported so far, in order, by pid. */
function reported(): Map<number, WorkCount[]> {
  const file = workCountFile(process.pid);
  const byPid = new Map<number, WorkCount[]>();
  if (!existsSync(file)) return byPid;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const count = JSON.parse(line) as WorkCount;
    byPid.set(count.pid, [...(byPid.get(count.pid) ?? []), count]);
  }
  return byPid;
}

/** How long a counted child may take to answer a signal before the window is given up. */
const ANSWER_MS = 10_000;

/**
 * One snapshot of each process in `pids`: this process's from `self`; a child's by sending it SIGUSR2 and waiting for
 * its next line. A child started without the preload would be killed by the signal, so only counted runs call this.
 */
async function snapshotAll(pids: Readonly<Record<string, number>>, self: WorkCounter | null): Promise<Record<string, WorkCount>> {
  const before = reported();
  const children = Object.entries(pids).filter(([, pid]) => pid !== process.pid);
  for (const [, pid] of children) process.kill(pid, 'SIGUSR2');
  const counts: Record<string, WorkCount> = {};
  for (const [name, pid] of Object.entries(pids)) {
    if (pid !== process.pid) continue;
    if (!self) throw new Error(`work counts: ${name} is this process, and no counter of its own was given`);
    counts[name] = self.snapshot();
  }
  const deadline = Date.now() + ANSWER_MS;
  for (;;) {
    const now = reported();
    const waiting = children.filter(([, pid]) => (now.get(pid)?.length ?? 0) <= (before.get(pid)?.length ?? 0));
    for (const [name, pid] of children) if (!waiting.some(([, waitingPid]) => waitingPid === pid)) counts[name] = now.get(pid)!.at(-1)!;
    if (waiting.length === 0) return counts;
    if (Date.now() > deadline) throw new Error(`work counts: no answer to SIGUSR2 within ${ANSWER_MS} ms from ${waiting.map(([name, pid]) => `${name} (pid ${pid})`).join(', ')} — started without the work-counter preload?`);
    await sleep(5);
  }
}

/** Each process's work between two snapshots. */
export function workBetween(before: Readonly<Record<string, WorkCount>>, after: Readonly<Record<string, WorkCount>>): Record<string, WorkCount> {
  const work: Record<string, WorkCount> = {};
  for (const [name, end] of Object.entries(after)) {
    const start = before[name];
    if (!start) throw new Error(`work counts: ${name} was not counted at the start of the window`);
    work[name] = { pid: end.pid, promises: end.promises - start.promises, allocatedBytes: end.allocatedBytes - start.allocatedBytes, gcMs: end.gcMs - start.gcMs };
    if (end.promiseSites) {
      const sites: Record<string, number> = {};
      for (const [site, count] of Object.entries(end.promiseSites)) {
        const made = count - (start.promiseSites?.[site] ?? 0);
        if (made > 0) sites[site] = made;
      }
      work[name].promiseSites = sites;
    }
  }
  return work;
}

/** The `top` sites of `sites` with most promises, most first, each with its count per `unit` (per exchange). */
export function topSites(sites: Readonly<Record<string, number>>, unit: number, top: number): Array<[string, number]> {
  return Object.entries(sites)
    .sort(([siteA, a], [siteB, b]) => b - a || (siteA < siteB ? -1 : 1))
    .slice(0, top)
    .map(([site, count]) => [site, count / unit]);
}

/**
 * Starts a counted window over `pids` (this process's work from `self`, when it is among them); the function it
 * resolves to ends it and resolves with each process's work.
 */
export async function startCounting(pids: Readonly<Record<string, number>>, self: WorkCounter | null = null): Promise<() => Promise<Record<string, WorkCount>>> {
  const before = await snapshotAll(pids, self);
  return async () => workBetween(before, await snapshotAll(pids, self));
}
