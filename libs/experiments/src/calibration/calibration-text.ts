// A calibration as the terminal shows it: generations, the posterior of each parameter.
import type { CalibrationResult } from './calibration-result';

const fmt = (x: number) => (!Number.isFinite(x) ? '–' : Number(x.toPrecision(4)).toString());

/** Generations (runs, tolerance, acceptance) and each parameter's posterior mean, sd and credible interval. */
export function formatCalibration(result: CalibrationResult): string {
  const level = Math.round(result.confidence * 100);
  const lines = [`SiloLab calibrate — ${result.name}: ${result.particles.length} posterior particles from ${result.runs} runs in ${result.generations.length} generations`, ''];
  lines.push('  generation  runs  tolerance  acceptance');
  for (const g of result.generations) lines.push(`  ${String(g.generation).padStart(10)}  ${String(g.runs).padStart(4)}  ${fmt(g.tolerance).padStart(9)}  ${fmt(g.acceptance).padStart(10)}`);
  lines.push('', `  ${'parameter'.padEnd(40)} ${'prior'.padStart(12)} ${'mean'.padStart(8)} ${'sd'.padStart(8)}  ${level} % credible interval`);
  for (const p of result.posterior) lines.push(`  ${p.path.padEnd(40)} ${`${fmt(p.min)}–${fmt(p.max)}`.padStart(12)} ${fmt(p.mean).padStart(8)} ${fmt(p.sd).padStart(8)}  [${fmt(p.low)}, ${fmt(p.high)}]`);
  lines.push('', `  written to ${result.out}/ (posterior.csv, generations.csv, calibration.json, calibration.html, generations/)`);
  return lines.join('\n');
}
