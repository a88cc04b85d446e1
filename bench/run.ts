// `npm run bench`: in-process throughput with and without provenance, beside a bare loop of the same work,
// and the wall time of one simulated day of national-scale. Figures are printed, never asserted.
import { createHash } from 'node:crypto';
import { KeyedRandom, Simulation } from '@silolab/engine';
import { applyOverrides, type Scenario } from '@silolab/model';
import { loadScenarioFile } from '@silolab/runner';

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

async function main(): Promise<void> {
  const { scenario: national } = loadScenarioFile('national-scale');
  const scale = Number(process.env.BENCH_SCALE ?? 0.1);
  console.log(`SiloLab benchmarks — node ${process.version}, ${require('node:os').cpus().length} cores`);
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

  console.log('\n2. One simulated day of national-scale (full demand, provenance digest, network metrics included)');
  const day = new Simulation(national, { ticks: 1 });
  const start = performance.now();
  const tick = await day.step();
  const ms = performance.now() - start;
  console.log(`   ${fmt(tick.metrics.requests)} exchanges in ${(ms / 1000).toFixed(2)} s = ${fmt(rate(tick.metrics.requests, ms))} exchanges/s; peak RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
