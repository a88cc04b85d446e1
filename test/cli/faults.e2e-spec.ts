// End to end: `silolab run --faults` over the redis transport (the survival report in summary.json and the text), and
// bad fault files and flags refused with the path of what is wrong.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startLocalRedis } from '@silolab/exchange';
import { childEnvironment } from '@silolab/runner';
import { silolabOverRedis as silolab } from './support/silolab-over-redis';

const work = mkdtempSync(join(tmpdir(), 'silolab-faults-cli-'));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('silolab run --faults', () => {
  it('injects the file\'s faults, keeps the fault-free digest and reports what was injected and survived', () => {
    const faults = file('faults.yaml', 'faults:\n  messages: { drop: 0.3, duplicate: 0.2 }\n  events:\n    - { fault: cut-off, tick: 1, department: 9, seconds: 1 }\n');
    const plain = silolab('run', 'workshop-small', '--seed', '3', '--ticks', '3', '--json');
    expect(plain.code).toBe(0);
    const out = join(work, 'faulty');
    const faulty = silolab('run', 'workshop-small', '--seed', '3', '--ticks', '3', '--transport', 'redis', '--delivery', 'tick', '--faults', faults, '--out', out, '--no-progress');
    expect(faulty.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.digest).toBe(JSON.parse(plain.stdout).digest);
    const report = summary.transport.faults;
    expect(report.injected.dropped).toBeGreaterThan(0);
    expect(report.injected.duplicated).toBeGreaterThan(0);
    expect(report.survived.redeliveries).toBeGreaterThan(0);
    expect(report.survived.restarts).toBe(0);
    expect(report.events).toEqual([{ fault: 'cut-off', tick: 1, target: expect.stringMatching(/^departments \d+-\d+ for 1 s$/), recoveryMs: expect.any(Number) }]);
    expect(faulty.stdout).toMatch(/faults injected +dropped \d+ · duplicated \d+ · delayed 0 · reordered 0/);
    expect(faulty.stdout).toMatch(/tick 1: cut-off \(departments [\d-]+ for 1 s\) — recovered in [\d.]+ s/);
    expect(faulty.stdout).toMatch(/survived +redeliveries \d+ · duplicates dropped \d+ \(handled \d+\) · restarts 0/);
  }, 120_000);

  it('exits 1 naming the cause when its Redis restarts without persistence mid-run, instead of hanging after the message', async () => {
    const local = await startLocalRedis();
    const port = new URL(local.url).port;
    let replacement: ChildProcess | null = null;
    const root = join(__dirname, '..', '..');
    const cli = spawn(process.execPath, [join(root, 'bin', 'silolab.js'), 'run', 'workshop-small', '--transport', 'redis', '--delivery', 'message', '--ticks', '200', '--no-progress'], {
      cwd: root,
      env: { ...process.env, REDIS_URL: local.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    cli.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    cli.stdout!.resume();
    const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
    try {
      // Once the run has published its context and is under way, Redis goes away and comes back empty on its port.
      const probe = new Redis(local.url);
      for (let wait = 0; (await probe.keys('silolab:*:exchange.tick:3')).length === 0; wait++) {
        if (wait > 600) throw new Error(`the run did not reach tick 3 in 60 s: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      probe.disconnect();
      await local.stop();
      replacement = spawn('redis-server', ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { env: childEnvironment(), stdio: 'ignore' });
      // Before the fix the error was printed and the process then lived on (a BullMQ timer of a worker whose close
      // never finished): this wait timed out.
      const code = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 45_000))]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/silolab: Redis at redis:\/\/127\.0\.0\.1:\d+ no longer holds this run .* restarted without persistence/);
    } finally {
      cli.kill('SIGKILL');
      replacement?.kill('SIGKILL');
      await local.stop().catch(() => undefined);
    }
  }, 120_000);

  it('names the path of a bad fault and exits 2, before starting anything', () => {
    const bad = file('bad.yaml', 'messages: { drop: 2 }\n');
    const result = silolab('run', 'workshop-small', '--transport', 'redis', '--faults', bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('faults.messages.drop');
    expect(result.stderr).toContain(bad);
  });

  it('refuses --faults without the redis transport', () => {
    const result = silolab('run', 'workshop-small', '--faults', file('ok.yaml', 'messages: { drop: 0.1 }\n'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--faults: faults are injected into the redis transport; add --transport redis');
  });
});
