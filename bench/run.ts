// `npm run bench`: in-process throughput with and without provenance, beside a bare loop of the same work, and
// a scaling table from 1,083 to 100,000 departments (time per tick, exchanges/s, peak RSS; each size in its own
// process). Figures are printed, never asserted.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { BYTES_PER_SLOT, KeyedRandom, Simulation } from '@silolab/engine';
import { applyOverrides, type Scenario } from '@silolab/model';
import { childEnvironment, loadScenarioFile } from '@silolab/runner';

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en');

/** national-scale's population with its demand scaled, in the given provenance mode. */
function scaled(base: Scenario, scale: number, provenance: string): Scenario {
  return applyOverrides(base, {
    'policies.provenance': provenance,
    'demand.services': (base.demand as Extract<Scenario['demand'], { mode: 'services' }>).services.map((s) => ({ ...s, applicationsPerTick: Math.round(s.applicationsPerTick * scale) })),
  });
}

/** Runs `ticks` ticks and returns exchanges/s over the ticks after the first (the first includes network metrics and warm-up). */
async function engineThroughput(scenario: Scenario, ticks: number): Promise<{ exchanges: number; ms: number }> {
  const simulation = new Simulation(scenario, { ticks });
  await simulation.step();
  let exchanges = 0;
  const start = performance.now();
  for (let t = 1; t < ticks; t++) exchanges += (await simulation.step()).metrics.requests;
  return { exchanges, ms: performance.now() - start };
}

/**
 * The same per-exchange work with no engine around it: the six keyed draws an exchange uses (purpose, overreach,
 * decide, transfer, leak, fingerprint), one logistic, and a 36-byte record streamed into a per-tick SHA-256.
 */
function bareLoop(exchanges: number): { ms: number; checksum: string } {
  const random = new KeyedRandom(1);
  const keys = ['purpose', 'overreach', 'decide', 'transfer', 'leak', 'fingerprint'].map((k) => random.key(k));
  const buffer = new Uint8Array(65536);
  const view = new DataView(buffer.buffer);
  const hash = createHash('sha256');
  let offset = 0;
  let shared = 0;
  const start = performance.now();
  for (let i = 0; i < exchanges; i++) {
    const purposeOk = random.uniform(keys[0], 0, i) >= 0.03;
    const overreach = random.uniform(keys[1], 0, i) < 0.1;
    const p = 1 / (1 + Math.exp(-2 * (0.5 - (i % 7) * 0.1)));
    const share = purposeOk && random.uniform(keys[2], 0, i) < p;
    const failed = share && random.uniform(keys[3], 0, i) < 0.2;
    const leaked = share && !failed && random.uniform(keys[4], 0, i) < 0.01;
    const fingerprint = share ? random.bits(keys[5], 0, i, 7) : 0;
    if (offset + 36 > buffer.length) {
      hash.update(buffer.subarray(0, offset));
      offset = 0;
    }
    view.setUint32(offset, i, true);
    view.setUint32(offset + 4, i % 1083, true);
    view.setUint32(offset + 8, (i * 7) % 1083, true);
    view.setUint32(offset + 12, i % 4332, true);
    view.setUint32(offset + 16, i % 30, true);
    view.setUint32(offset + 20, (share ? 0 : 1) | (overreach ? 4 : 0) | (leaked ? 8 : 0), true);
    view.setUint32(offset + 24, failed ? 11 : 0, true);
    view.setUint32(offset + 28, fingerprint, true);
    view.setUint32(offset + 32, 0, true);
    offset += 36;
    if (share) shared++;
  }
  hash.update(buffer.subarray(0, offset));
  return { ms: performance.now() - start, checksum: hash.digest('hex').slice(0, 8) + ':' + shared };
}

/** The scaling cases: national-scale as shipped, and china-counties' structure and per-county demand at three sizes. */
const SCALING_CASES: Record<string, () => Scenario> = {
  'national-scale': () => loadScenarioFile('national-scale').scenario,
  'counties ×0.01': () => countiesAt(0.01),
  'counties ×0.1': () => countiesAt(0.1),
  'china-counties': () => loadScenarioFile('china-counties').scenario,
};

/**
 * china-counties with every level shrunk by `share` (at least 2 provinces, a prefecture per province and two
 * counties per prefecture, so every need keeps its meaning) and the same applications per region: demand and
 * departments shrink together.
 */
function countiesAt(share: number): Scenario {
  const base = loadScenarioFile('china-counties').scenario;
  const provinces = Math.max(2, Math.round(31 * share));
  const prefectures = Math.max(provinces, Math.round(333 * share));
  const counties = Math.max(2 * prefectures, Math.round(2844 * share));
  const levels = [{ name: 'centre', count: 1 }, { name: 'province', count: provinces }, { name: 'prefecture', count: prefectures }, { name: 'county', count: counties }];
  return applyOverrides(base, { name: `china-counties-x${share}`, 'population.regions': { levels }, 'metrics.networkEvery': undefined });
}

interface ScalingResult {
  departments: number;
  networkEvery: number;
  ticks: Array<{ ms: number; exchanges: number }>;
  slots: number;
  ties: number;
  peakRssMiB: number;
}

/**
 * One scaling case, in this (child) process: at least `ticks` ticks, and more (up to 30) until the later ticks have
 * done 20 million exchanges, so that small cases are measured after the JIT has warmed up as large ones are. Prints
 * JSON.
 */
async function scalingCase(name: string, ticks: number): Promise<void> {
  const scenario = SCALING_CASES[name]();
  const simulation = new Simulation(scenario, { ticks: Math.max(ticks, 30) });
  const result: ScalingResult = { departments: simulation.world.departments.length, networkEvery: scenario.metrics.networkEvery, ticks: [], slots: 0, ties: 0, peakRssMiB: 0 };
  let later = 0;
  while (result.ticks.length < ticks || (later < 20_000_000 && !simulation.done)) {
    const start = performance.now();
    const tick = await simulation.step();
    result.ticks.push({ ms: performance.now() - start, exchanges: tick.metrics.requests });
    if (tick.tick > 0) later += tick.metrics.requests;
    result.ties = tick.metrics.networkEdges;
  }
  result.slots = simulation.state.relationships.size;
  result.peakRssMiB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** Least-squares slope of log y on log x. */
function logLogSlope(x: number[], y: number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  const sxy = lx.reduce((sum, v, i) => sum + (v - mx) * (ly[i] - my), 0);
  const sxx = lx.reduce((sum, v) => sum + (v - mx) ** 2, 0);
  return sxy / sxx;
}

async function scalingTable(ticks: number): Promise<void> {
  console.log(`\n2. Scaling: at least ${ticks} ticks per case (more, up to 30, until the later ticks have done 20 million exchanges), each in its own`);
  console.log('   process (peak RSS is that process\'s); provenance digest. The first tick includes warm-up and the network metrics;');
  console.log('   later ticks compute the network every networkEvery ticks (1 below 10,000 departments, 10 for china-counties).');
  console.log('   case              departments  ticks  exchanges/tick  first tick  later ticks  exchanges/s (later)  active pairs  window ties  peak RSS   dense n² state');
  const rows: Array<{ name: string } & ScalingResult> = [];
  for (const name of Object.keys(SCALING_CASES)) {
    const line = execFileSync(process.execPath, [__filename, '--scaling-case', name, '--ticks', String(ticks)], { encoding: 'utf8', env: childEnvironment(), maxBuffer: 1 << 20 }).trim().split('\n').pop()!;
    const r = { name, ...(JSON.parse(line) as ScalingResult) };
    rows.push(r);
    const later = r.ticks.slice(1);
    const laterMs = later.reduce((sum, t) => sum + t.ms, 0) / later.length;
    const laterRate = rate(later.reduce((sum, t) => sum + t.exchanges, 0), later.reduce((sum, t) => sum + t.ms, 0));
    const dense = (28 * r.departments ** 2) / 2 ** 30;
    console.log(
      `   ${name.padEnd(17)} ${fmt(r.departments).padStart(11)} ${String(r.ticks.length).padStart(6)} ${fmt(r.ticks[0].exchanges).padStart(15)} ${(r.ticks[0].ms / 1000).toFixed(2).padStart(9)} s ${(laterMs / 1000).toFixed(2).padStart(10)} s ${fmt(laterRate).padStart(20)} ${fmt(r.slots).padStart(13)} ${fmt(r.ties).padStart(12)} ${fmt(Math.round(r.peakRssMiB)).padStart(6)} MiB ${dense.toFixed(dense < 1 ? 3 : 0).padStart(8)} GiB`,
    );
  }
  const family = rows.filter((r) => r.name !== 'national-scale');
  const laterMs = (r: ScalingResult) => r.ticks.slice(1).reduce((sum, t) => sum + t.ms, 0) / (r.ticks.length - 1);
  const time = family.map(laterMs);
  console.log('   log-log slopes of the later ticks\' time over the counties family (×0.01, ×0.1, china-counties):');
  console.log(`     vs departments ${logLogSlope(family.map((r) => r.departments), time).toFixed(2)}, vs exchanges ${logLogSlope(family.map((r) => r.ticks[1].exchanges), time).toFixed(2)}, vs active pairs ${logLogSlope(family.map((r) => r.slots), time).toFixed(2)} (the dense layout's n² work would give 2 vs departments)`);
  console.log(`   memory of the sparse state: ${BYTES_PER_SLOT} bytes per active pair in its columns (+ its hash table and order, see docs/model.md §3)`);
}

async function main(): Promise<void> {
  const caseArg = process.argv.indexOf('--scaling-case');
  if (caseArg > 0) return scalingCase(process.argv[caseArg + 1], Number(process.argv[process.argv.indexOf('--ticks') + 1]));
  const { scenario: national } = loadScenarioFile('national-scale');
  const scale = Number(process.env.BENCH_SCALE ?? 0.1);
  console.log(`SiloLab benchmarks — node ${process.version}, ${require('node:os').cpus().length} cores, load average ${require('node:os').loadavg()[0].toFixed(2)}`);
  console.log(`\n1. In-process throughput: national-scale population (1,083 departments), demand ×${scale}, 4 ticks (first tick excluded)`);
  const results: Record<string, { exchanges: number; ms: number }> = {};
  for (const mode of ['digest', 'off', 'full']) {
    results[mode] = await engineThroughput(scaled(national, mode === 'full' ? scale / 4 : scale, mode), 4);
    console.log(`   provenance ${mode.padEnd(6)} ${fmt(rate(results[mode].exchanges, results[mode].ms)).padStart(12)} exchanges/s  (${fmt(results[mode].exchanges)} exchanges in ${(results[mode].ms / 1000).toFixed(2)} s)`);
  }
  const bare = bareLoop(results.digest.exchanges);
  const bareRate = rate(results.digest.exchanges, bare.ms);
  console.log(`   bare loop          ${fmt(bareRate).padStart(12)} exchanges/s  (same count: 6 keyed draws, a logistic, a 36-byte record into SHA-256; ${bare.checksum})`);
  console.log(`   engine (digest) ÷ bare loop = ${(rate(results.digest.exchanges, results.digest.ms) / bareRate).toFixed(2)}`);
  console.log(`   digest ÷ off = ${(rate(results.digest.exchanges, results.digest.ms) / rate(results.off.exchanges, results.off.ms)).toFixed(2)}`);

  await scalingTable(Math.max(3, Number(process.env.SILOLAB_BENCH_SCALING_TICKS ?? 3)));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
