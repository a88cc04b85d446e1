// End to end: a sweep killed half-way (SIGKILL) and resumed writes the same runs.csv, byte for byte, as a sweep that
// was never interrupted; the output folder is protected against mixing sweeps.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exited, silolab, silolabOk, startSilolab, workFolder } from './support/silolab-cli';

const work = workFolder('resume');
const sweepFile = join(work, 'resume-test.yaml');
const RUNS = 4 * 6;

writeFileSync(
  sweepFile,
  `name: resume-test
scenario: workshop-small
ticks: 20
replications: 6
rootSeed: 99
parameters:
  policies.incentives.pointsPerShare: [0, 2]
  policies.accountability.liabilityRegime: [owner, attributed]
metrics: [sharingRate, siloIndex, total.refusals.afraid]
`,
);

const journalLines = (out: string) => {
  const path = join(out, 'journal', 'runs.ndjson');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;
};

/** Child pids of `pid` (Linux /proc). */
const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2].startsWith('Z');
  } catch {
    return false;
  }
};

describe('silolab sweep --resume', () => {
  const reference = join(work, 'reference');
  const resumed = join(work, 'resumed');

  beforeAll(() => {
    silolabOk('sweep', sweepFile, '--out', reference, '--workers', '2', '--no-progress');
  });

  it('finishes a sweep killed half-way and writes the same runs.csv, byte for byte, as an uninterrupted sweep', async () => {
    const sweep = startSilolab('sweep', sweepFile, '--out', resumed, '--workers', '2', '--no-progress');
    let workers: number[] = [];
    const deadline = Date.now() + 60000;
    while (journalLines(resumed) < RUNS / 3 && Date.now() < deadline && sweep.exitCode === null) {
      workers = [...new Set([...workers, ...childrenOf(sweep.pid!)])];
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    sweep.kill('SIGKILL');
    await exited(sweep);
    const done = journalLines(resumed);
    expect(done).toBeGreaterThanOrEqual(RUNS / 3);
    expect(done).toBeLessThan(RUNS);
    expect(existsSync(join(resumed, 'runs.csv'))).toBe(false);
    // The worker processes notice their parent is gone and stop.
    expect(workers.length).toBeGreaterThan(0);
    for (let i = 0; i < 100 && workers.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(workers.filter(alive)).toEqual([]);
    // A write torn by the kill (simulated) is cut off on resume.
    appendFileSync(join(resumed, 'journal', 'runs.ndjson'), '{"type":"silolab.sweep.result.v1","run":3,"poi');

    const result = silolab('sweep', sweepFile, '--out', resumed, '--resume', '--workers', '2', '--no-progress');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`complete: ${RUNS}/${RUNS} runs; ${RUNS - done} ran now`);
    expect(readFileSync(join(resumed, 'runs.csv'), 'utf8')).toBe(readFileSync(join(reference, 'runs.csv'), 'utf8'));
    expect(readFileSync(join(resumed, 'summary.csv'), 'utf8')).toBe(readFileSync(join(reference, 'summary.csv'), 'utf8'));
    expect(readFileSync(join(resumed, 'runs.parquet')).equals(readFileSync(join(reference, 'runs.parquet')))).toBe(true);
    expect(readFileSync(join(resumed, 'ticks.parquet')).equals(readFileSync(join(reference, 'ticks.parquet')))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(resumed, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'complete', finishedRuns: RUNS });
    expect(manifest.sessions).toHaveLength(2);
  });

  it('resuming a finished sweep runs nothing and rewrites the same outputs', () => {
    const result = silolab('sweep', sweepFile, '--out', reference, '--resume', '--no-progress');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 ran now');
  });

  it('will not write into a folder holding a sweep without --resume', () => {
    const result = silolab('sweep', sweepFile, '--out', reference, '--no-progress');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('already holds the sweep "resume-test"');
    expect(result.stderr).toContain('--resume');
  });

  it('will not resume a folder with a sweep whose runs would differ', () => {
    const changed = join(work, 'changed.yaml');
    writeFileSync(changed, readFileSync(sweepFile, 'utf8').replace('rootSeed: 99', 'rootSeed: 100'));
    const result = silolab('sweep', changed, '--out', reference, '--resume', '--no-progress');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('holds a different sweep');
  });
});
