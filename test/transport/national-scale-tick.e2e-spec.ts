// The redis transport in tick delivery at national scale: 1,083 departments (57 lines × 19 regions) in two
// department processes, each tick's start-of-tick state published as a sparse snapshot, give the in-process digest.
// Demand is cut to 2 applications per region per service (about 4,000 exchanges a tick) to keep the run short: the
// population, not the volume, is what this test is about.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadScenarioFile } from '@silolab/runner';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'silolab.js');

interface Summary {
  digest: string;
  manifest: { exchanges: number; transport: string; delivery: string | null };
  transport?: { ticksClosed: number };
}

function runJson(args: string[]): Promise<Summary> {
  const env = { ...process.env };
  delete env.REDIS_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'run', ...args, '--json', '--no-progress'], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as Summary) : reject(new Error(`silolab run exited ${code}:\n${stderr}`))));
  });
}

describe('redis transport at national scale', () => {
  it('gives the in-process digest for 1,083 departments over 3 ticks in tick delivery', async () => {
    const national = loadScenarioFile('national-scale').scenario;
    const services = national.demand.mode === 'services' ? national.demand.services.map((service) => ({ ...service, applicationsPerTick: 2 })) : [];
    const args = ['national-scale', '--ticks', '3', '--set', `demand.services=${JSON.stringify(services)}`];
    const inproc = await runJson(args);
    const redis = await runJson([...args, '--transport', 'redis', '--delivery', 'tick']);
    expect(redis.manifest).toMatchObject({ transport: 'redis', delivery: 'tick', exchanges: inproc.manifest.exchanges });
    expect(inproc.manifest.exchanges).toBeGreaterThan(10_000);
    expect(redis.transport?.ticksClosed).toBe(3);
    expect(redis.digest).toBe(inproc.digest);
  }, 300_000);
});
