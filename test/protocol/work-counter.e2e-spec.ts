// The bench's work counter: promises and allocation counted in this process, and in a child that loads the preload and
// answers SIGUSR2 — the figures SILOLAB_BENCH_COUNT=1 prints beside CPU time.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { clearWorkCounts, startCounting, WorkCounter, workBetween, type WorkCount } from '../../bench/support/work-counter';

const PRELOAD = join(__dirname, '../../dist/bench/support/work-counter-preload.js');

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
