// `node dist/bench/sensitivity.js`: runs per second of a global sensitivity analysis (Morris and Sobol designs on
// baseline-silos) through the sweep machinery with 2 local workers, from start to every output (indices included)
// written. Figures are printed, never asserted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSweepFile, runSweep } from '@silolab/experiments';

const LEVERS = `parameters:
  policies.standards.adoption: { min: 0, max: 1 }
  policies.catalogue.coverage: { min: 0.3, max: 1 }
  policies.incentives.pointsPerShare: { min: 0, max: 3 }
  policies.accountability.auditRate: { min: 0, max: 0.5 }
metrics: [siloIndex, sharingRate]
`;

async function timeDesign(dir: string, name: string, design: string, ticks: number): Promise<void> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\nscenario: baseline-silos\nticks: ${ticks}\nreplications: 1\nseeds: common\nrootSeed: 1\ndesign: ${design}\n${LEVERS}`);
  const loaded = await loadSweepFile(file);
  const start = performance.now();
  const result = await runSweep(loaded, { out: join(dir, name), workers: 2, resume: false, queue: 'local', redisUrl: '', prefix: '', progress: false, reportOnly: false });
  const seconds = (performance.now() - start) / 1000;
  console.log(`   ${name.padEnd(8)} ${String(result.finishedRuns).padStart(4)} runs of ${ticks} ticks in ${seconds.toFixed(1).padStart(5)} s: ${(result.finishedRuns / seconds).toFixed(2).padStart(6)} runs/s with 2 workers`);
}

async function main(): Promise<void> {
  console.log(`SiloLab sensitivity benchmark — node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}`);
  console.log('   baseline-silos, 4 levers; wall time from start to sensitivity.csv and report.html written');
  const dir = mkdtempSync(join(tmpdir(), 'silolab-bench-sensitivity-'));
  try {
    await timeDesign(dir, 'morris', '{ method: morris, trajectories: 8, levels: 4, bootstrap: 1000 }', 120);
    await timeDesign(dir, 'sobol', '{ method: sobol, samples: 8, bootstrap: 1000 }', 120);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
