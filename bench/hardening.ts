// `npm run bench:hardening`: what the hardening costs and what it buys, printed, never asserted.
//
// 1. How fast the orchestrator answers (health, pause, stop) while a run computes ticks of 1.8 million requests;
// 2. the wall time of served runs at full pace (each run now in a worker thread);
// 3. the run-size estimator against the memory a built and stepped Simulation really holds.
//
// SILOLAB_BENCH_BASELINE=<folder of another SiloLab checkout, built> runs 1 and 2 against it too, for a comparison
// in the same conditions (an older orchestrator ignores the token it is sent).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateRun, Simulation } from '@silolab/engine';
import { parseScenario } from '@silolab/model';
import { childEnvironment } from '@silolab/runner';

const TOKEN = 'bench-token-0123456789abcdefghijklmn';
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

/** Starts `node <root>/dist/apps/orchestrator/src/main.js --port 0` on a fresh data folder; resolves with its URL. */
async function startServer(root: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const data = mkdtempSync(join(tmpdir(), 'silolab-bench-hardening-'));
  const child = spawn(process.execPath, [join(root, 'dist', 'apps', 'orchestrator', 'src', 'main.js'), '--port', '0'], {
    cwd: root,
    env: childEnvironment({ SILOLAB_DATA_DIR: data, SILOLAB_API_TOKEN: TOKEN }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', () => reject(new Error(`the orchestrator exited: ${output}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

async function timed(url: string, method: string, path: string, body?: unknown): Promise<{ ms: number; status: number; json: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  return { ms: performance.now() - started, status: response.status, json };
}

/** Health latency while a heavy run computes, then the pause and stop latencies. */
async function responsiveness(root: string, label: string): Promise<void> {
  const server = await startServer(root);
  try {
    const run = await timed(server.url, 'POST', '/api/runs', { preset: 'workshop-small', set: { 'demand.services[0].applicationsPerTick': 300_000 }, ticks: 4, ticksPerSecond: 0 });
    const id = run.json.id as string;
    const health: number[] = [];
    const until = performance.now() + 8000;
    while (performance.now() < until) {
      health.push((await timed(server.url, 'GET', '/api/health')).ms);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const pause = await timed(server.url, 'POST', `/api/runs/${id}/pause`);
    const stop = await timed(server.url, 'POST', `/api/runs/${id}/stop`);
    console.log(`   ${label.padEnd(10)} health p50 ${ms(quantile(health, 0.5)).padStart(8)}  p95 ${ms(quantile(health, 0.95)).padStart(8)}  max ${ms(Math.max(...health)).padStart(8)}  (${health.length} probes)   pause ${ms(pause.ms).padStart(8)}   stop ${ms(stop.ms).padStart(8)}`);
  } finally {
    await server.stop();
  }
}

/** Wall time from POST /api/runs to the run's completion, at full pace. */
async function servedRun(root: string, label: string, preset: string, ticks: number): Promise<void> {
  const server = await startServer(root);
  try {
    const started = performance.now();
    const run = await timed(server.url, 'POST', '/api/runs', { preset, ticks, ticksPerSecond: 0 });
    for (;;) {
      const status = (await timed(server.url, 'GET', `/api/runs/${run.json.id}`)).json.status;
      if (status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.log(`   ${label.padEnd(10)} ${preset} × ${ticks} ticks: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  } finally {
    await server.stop();
  }
}

/** In a child with --expose-gc: the estimate and the measured heap + array buffers of a built, stepped Simulation. */
function measureEstimate(systems: number, regions: number, demand: 'services' | 'pairs'): { estimate: number; measured: number } {
  const line = execFileSync(process.execPath, ['--expose-gc', __filename, '--measure', String(systems), String(regions), demand], { encoding: 'utf8', env: childEnvironment() }).trim().split('\n').pop()!;
  return JSON.parse(line);
}

function probeScenario(systems: number, regions: number, demand: string) {
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  return parseScenario({
    name: 'estimate',
    population: { systems: ids('s', systems), regions: ids('r', regions) },
    demand: demand === 'pairs' ? { mode: 'random-pairs', probability: 0.02 } : { mode: 'services', services: [{ id: 'x', provider: 's0', applicationsPerTick: 20, needs: ['s1', { system: 's2', region: 'other' }] }] },
    policies: { provenance: 'digest' },
    // A window as long as the measured run, so that the estimate's network term covers the same ticks.
    metrics: { window: 3 },
    ticks: 3,
  });
}

async function measureChild(systems: number, regions: number, demand: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const scenario = probeScenario(systems, regions, demand);
  gc();
  const before = process.memoryUsage();
  const simulation = new Simulation(scenario, { ticks: 3 });
  let peak = 0;
  for (let t = 0; t < 3; t++) {
    await simulation.step();
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
  }
  console.log(JSON.stringify({ estimate: estimateRun(scenario).bytes, measured: peak }));
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') return measureChild(Number(process.argv[3]), Number(process.argv[4]), process.argv[5]);
  const root = join(__dirname, '..', '..');
  const baseline = process.env.SILOLAB_BENCH_BASELINE;
  const roots: Array<[string, string]> = [['this', root], ...(baseline ? ([['baseline', baseline]] as Array<[string, string]>) : [])];

  console.log('1. Answers while a run computes ticks of 1,800,000 requests (workshop-small, elderly-allowance × 300,000)');
  for (const [label, at] of roots) await responsiveness(at, label);

  console.log('\n2. Served runs at full pace, POST to completed (one run at a time)');
  for (const [label, at] of roots) {
    await servedRun(at, label, 'workshop-small', 60);
    await servedRun(at, label, 'baseline-silos', 60);
  }

  console.log('\n3. The run estimator against what a built Simulation holds (heap + array buffers, peak over 3 ticks)');
  console.log('   departments  demand     estimate     measured   estimate / measured');
  for (const [systems, regions, demand] of [[10, 50, 'services'], [20, 50, 'services'], [40, 50, 'services'], [20, 50, 'pairs'], [40, 50, 'pairs']] as const) {
    const { estimate, measured } = measureEstimate(systems, regions, demand);
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    console.log(`   ${String(systems * regions).padStart(11)}  ${demand.padEnd(8)} ${mib(estimate).padStart(10)} ${mib(measured).padStart(12)}   ${(estimate / measured).toFixed(2)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
