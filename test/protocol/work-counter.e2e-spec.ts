// The bench's work counter: promises and allocation counted in this process, and in a child that loads the preload and
// answers SIGUSR2 — the figures SILOLAB_BENCH_COUNT=1 prints beside CPU time.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearWorkCounts, promiseSite, startCounting, topSites, WorkCounter, workBetween, type WorkCount } from '../../bench/support/work-counter';

const PRELOAD = join(__dirname, '../../dist/bench/support/work-counter-preload.js');
const SITES_PRELOAD = join(__dirname, '../../dist/bench/support/work-counter-sites-preload.js');

/** A child that, for each line `n` on stdin, awaits n promises, keeps n objects of 100 characters, and prints `done n`. */
const WORKER = `
process.stdin.setEncoding('utf8');
let pending = '';
process.stdin.on('data', async (chunk) => {
  pending += chunk;
  for (let end = pending.indexOf('\\n'); end >= 0; end = pending.indexOf('\\n')) {
    const n = Number(pending.slice(0, end));
    pending = pending.slice(end + 1);
    const kept = [];
    for (let k = 0; k < n; k++) {
      await Promise.resolve(k);
      kept.push({ k, text: String(k).padEnd(100, 'x') });
    }
    process.stdout.write('done ' + kept.length + '\\n');
  }
});
process.stdout.write('ready\\n');
`;

function nextLine(child: ChildProcessWithoutNullStreams, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(`${expected}\n`)) {
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before printing ${expected}`)));
  });
}

describe('WorkCounter', () => {
  it('counts the promises this process creates and the bytes it allocates between two snapshots', async () => {
    const counter = new WorkCounter().start();
    try {
      const before = counter.snapshot();
      const kept: string[] = [];
      for (let k = 0; k < 5_000; k++) {
        await Promise.resolve(k);
        kept.push(String(k).padEnd(200, 'y'));
      }
      const after = counter.snapshot();
      expect(kept).toHaveLength(5_000);
      expect(after.promises - before.promises).toBeGreaterThanOrEqual(5_000);
      // 5,000 strings of 200 one-byte characters are at least 1,000,000 bytes.
      expect(after.allocatedBytes - before.allocatedBytes).toBeGreaterThan(1_000_000);
      expect(after.gcMs).toBeGreaterThanOrEqual(before.gcMs);
    } finally {
      counter.stop();
    }
  });

  it('stops counting once stopped, and keeps answering with the totals it had then', async () => {
    const counter = new WorkCounter().start();
    await Promise.resolve();
    counter.stop();
    const stopped = counter.snapshot();
    for (let k = 0; k < 1_000; k++) await Promise.resolve(k);
    expect(counter.snapshot()).toEqual(stopped);
    expect(stopped.promises).toBeGreaterThanOrEqual(1);
  });

  it('refuses a snapshot before it has started', () => {
    expect(() => new WorkCounter().snapshot()).toThrow('start() first');
  });
});

/** A child script (a file, so that its frames name it) that on each stdin line `n` makes 2–3n promises in `promisesHere`. */
const SITES_WORKER = `
function promisesHere(n) {
  const made = [];
  for (let k = 0; k < n; k++) made.push(Promise.resolve(k).then(String));
  return Promise.all(made);
}
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  for (const line of chunk.split('\\n').filter(Boolean)) promisesHere(Number(line)).then((made) => process.stdout.write('done ' + made.length + '\\n'));
});
process.stdout.write('ready\\n');
`;

describe('promise sites', () => {
  it('names the first frame of the project’s own code, past Node’s and the packages’ frames', () => {
    const stack = [
      'Error',
      '    at emitInitNative (node:internal/async_hooks:202:43)',
      '    at RedisQueueBackend.addJob (/repo/node_modules/bullmq/dist/cjs/classes/redis-queue-backend.js:479:20)',
      '    at async OutboxProducer.postJob (/repo/dist/libs/protocol/src/transport/outbox-producer.js:96:16)',
      '    at SignedOutboxes.send (/repo/dist/libs/exchange/src/signed-outboxes.js:33:27)',
    ].join('\n');
    expect(promiseSite(stack)).toBe('OutboxProducer.postJob (libs/protocol/src/transport/outbox-producer.js:96)');
    expect(promiseSite('Error\n    at Promise.then (<anonymous>)\n    at /repo/test/x.js:12:5')).toBe('(anonymous) (x.js:12)');
    expect(promiseSite('Error\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)')).toBe('(packages and Node)');
  });

  it('counts a child’s promises by site over a window (the sites preload), and none outside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silolab-sites-'));
    const script = join(dir, 'sites-worker.js');
    writeFileSync(script, SITES_WORKER);
    clearWorkCounts();
    const child = spawn(process.execPath, ['-r', SITES_PRELOAD, script]);
    try {
      await nextLine(child, 'ready');
      const counted = async (n: number) => {
        const window = await startCounting({ child: child.pid! });
        const done = nextLine(child, `done ${n}`);
        child.stdin.write(`${n}\n`);
        await done;
        return (await window()).child;
      };
      const work = await counted(3_000);
      const here = Object.entries(work.promiseSites ?? {}).filter(([site]) => /^promisesHere \(sites-worker\.js:\d+\)$/.test(site));
      const made = here.reduce((sum, [, count]) => sum + count, 0);
      // Per k Promise.resolve, then and Promise.all's own then on it (9,001 in Node 20), nothing else.
      expect(made).toBeGreaterThanOrEqual(6_000);
      expect(made).toBeLessThanOrEqual(9_010);
      expect(topSites(work.promiseSites!, 1_000, 1)[0][0]).toMatch(/^promisesHere \(sites-worker\.js:\d+\)$/);
      expect(topSites(work.promiseSites!, 1_000, 1)[0][1]).toBeGreaterThanOrEqual(6);
      const idle = await counted(0);
      expect(Object.entries(idle.promiseSites ?? {}).filter(([site]) => site.startsWith('promisesHere')).reduce((sum, [, count]) => sum + count, 0)).toBeLessThan(5);
    } finally {
      child.kill();
      clearWorkCounts();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds no sites when sites are not counted', async () => {
    const counter = new WorkCounter().start();
    try {
      await Promise.resolve();
      expect(counter.snapshot().promiseSites).toBeUndefined();
    } finally {
      counter.stop();
    }
  });
});

describe('workBetween', () => {
  const count = (promises: number, allocatedBytes: number, gcMs: number): WorkCount => ({ pid: 7, promises, allocatedBytes, gcMs });

  it('is each process’s totals at the end minus those at the start', () => {
    expect(workBetween({ hub: count(10, 1_000, 1) }, { hub: count(25, 4_000, 3.5) })).toEqual({ hub: count(15, 3_000, 2.5) });
  });

  it('names a process that was not counted at the start', () => {
    expect(() => workBetween({ hub: count(1, 1, 1) }, { hub: count(2, 2, 2), 'departments 0-5': count(2, 2, 2) })).toThrow('departments 0-5 was not counted at the start');
  });
});

describe('startCounting with a child that loads the preload', () => {
  let worker: ChildProcessWithoutNullStreams;

  beforeAll(async () => {
    clearWorkCounts();
    worker = spawn(process.execPath, ['-r', PRELOAD, '-e', WORKER]);
    await nextLine(worker, 'ready');
  });

  afterAll(() => {
    worker.kill();
    clearWorkCounts();
  });

  /** The child's work over a counted window in which it awaits and keeps `n` of each. */
  async function countedWork(n: number): Promise<WorkCount> {
    const window = await startCounting({ worker: worker.pid! });
    const done = nextLine(worker, `done ${n}`);
    worker.stdin.write(`${n}\n`);
    await done;
    return (await window()).worker;
  }

  it('counts the child’s work over the window, signalled at its start and end', async () => {
    const work = await countedWork(20_000);
    expect(work.pid).toBe(worker.pid);
    expect(work.promises).toBeGreaterThanOrEqual(20_000);
    expect(work.allocatedBytes).toBeGreaterThan(20_000 * 100);
  });

  it('counts little in a window where the child does almost nothing', async () => {
    const work = await countedWork(0);
    expect(work.promises).toBeLessThan(1_000);
    expect(work.allocatedBytes).toBeLessThan(20_000 * 100);
  });

  it('refuses to count this process without a counter of its own', async () => {
    await expect(startCounting({ bench: process.pid })).rejects.toThrow('bench is this process, and no counter of its own was given');
  });
});
