// `node dist/bench/sweep.js`: sweep throughput with 1 and 2 local workers, and peak memory of sweeps of 100 to
// 10,000 runs (coordinator and worker processes). Figures are printed, never asserted. Each memory case runs in its
// own process (`--memory <runs>`), so its peak RSS is its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSweepFile, runSweep } from '@silolab/experiments';
import { childEnvironment } from '@silolab/runner';

const MiB = 2 ** 20;

/** Writes a sweep file into `dir` and returns its path. */
function sweepFile(dir: string, name: string, body: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `name: ${name}\n${body}`);
  return path;
}

/** Runs a sweep to completion and returns its wall time, runs/s and the workers' peak RSS (from the journal). */
async function timeSweep(file: string, out: string, workers: number): Promise<{ runs: number; seconds: number; rate: number; workerPeakMiB: number; writerPeakMiB: number; coordinatorPeakMiB: number }> {
  const loaded = await loadSweepFile(file);
  const start = performance.now();
  const result = await runSweep(loaded, { out, workers, resume: false, queue: 'local', redisUrl: '', prefix: '', progress: false, reportOnly: false });
  const seconds = (performance.now() - start) / 1000;
  // Before reading the journal back here (which would itself take memory).
  const coordinatorPeak = process.resourceUsage().maxRSS * 1024;
  const workerPeak = readFileSync(join(out, 'journal', 'runs.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .reduce((peak, line) => Math.max(peak, (JSON.parse(line) as { meta: { maxRssBytes: number } }).meta.maxRssBytes), 0);
  return { runs: result.finishedRuns, seconds, rate: result.finishedRuns / seconds, workerPeakMiB: workerPeak / MiB, writerPeakMiB: result.writerMaxRssBytes / MiB, coordinatorPeakMiB: coordinatorPeak / MiB };
}

/** One memory case, in this (child) process: prints JSON with the coordinator's peak RSS. */
async function memoryCase(runs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'silolab-bench-memory-'));
  const replications = runs / 10;
  const file = sweepFile(dir, `memory-${runs}`, `scenario: workshop-small\nticks: 5\nreplications: ${replications}\nrootSeed: 1\nparameters:\n  policies.incentives.pointsPerShare: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]\n`);
  const timed = await timeSweep(file, join(dir, 'out'), 2);
  // Live memory after the sweep (and after reading the journal back): what the coordinator still holds once garbage
  // is collected (the case runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(JSON.stringify({ ...timed, liveHeapMiB: process.memoryUsage().heapUsed / MiB }) + '\n');
  rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const memoryArg = process.argv.indexOf('--memory');
  if (memoryArg > 0) return memoryCase(Number(process.argv[memoryArg + 1]));

  console.log(`SiloLab sweep benchmarks — node ${process.version}, ${cpus().length} cores, load average ${require('node:os').loadavg()[0].toFixed(2)}`);
  const dir = mkdtempSync(join(tmpdir(), 'silolab-bench-sweep-'));
  const small = sweepFile(
    dir,
    'throughput',
    'scenario: baseline-silos\nticks: 360\nreplications: 6\nrootSeed: 3\nparameters:\n  policies.incentives.pointsPerShare: [0, 1.5, 3]\n  policies.accountability.liabilityRegime: [owner, attributed]\n',
  );
  console.log('\n1. Throughput: baseline-silos, 360 ticks, 6 points × 6 replications = 36 runs (wall time from start to every output written)');
  const one = await timeSweep(small, join(dir, 'one'), 1);
  const two = await timeSweep(small, join(dir, 'two'), 2);
  console.log(`   1 worker    ${one.rate.toFixed(2).padStart(6)} runs/s  (${one.runs} runs in ${one.seconds.toFixed(1)} s)`);
  console.log(`   2 workers   ${two.rate.toFixed(2).padStart(6)} runs/s  (${two.runs} runs in ${two.seconds.toFixed(1)} s)`);
  console.log(`   speed-up    ${(two.rate / one.rate).toFixed(2)}×`);

  console.log('\n2. Memory by sweep size: workshop-small, 5 ticks, 10 points, 2 workers (each size in a fresh process)');
  console.log('   coordinator: the sweep process (live heap = what it still holds after a forced GC); workers: the run processes;');
  console.log('   writer: the short-lived process that writes runs.csv/.parquet, ticks.parquet, summary.csv and report.html.');
  console.log('   runs   wall s   runs/s   coordinator peak RSS   live heap after   worker peak RSS   writer peak RSS');
  const cases: Array<[number, string[]]> = [[100, []], [1000, []], [3000, []], [10000, []]];
  for (const [runs, flags] of cases) {
    const line = execFileSync(process.execPath, ['--expose-gc', ...flags, __filename, '--memory', String(runs)], { encoding: 'utf8', env: childEnvironment() }).trim().split('\n').pop()!;
    const m = JSON.parse(line) as { runs: number; seconds: number; rate: number; coordinatorPeakMiB: number; workerPeakMiB: number; writerPeakMiB: number; liveHeapMiB: number };
    console.log(
      `   ${String(m.runs).padStart(5)} ${m.seconds.toFixed(1).padStart(8)} ${m.rate.toFixed(1).padStart(8)}   ${m.coordinatorPeakMiB.toFixed(0).padStart(14)} MiB   ${m.liveHeapMiB.toFixed(1).padStart(11)} MiB   ${m.workerPeakMiB.toFixed(0).padStart(11)} MiB   ${m.writerPeakMiB.toFixed(0).padStart(11)} MiB${flags.length ? `   (${flags.join(' ')})` : ''}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
