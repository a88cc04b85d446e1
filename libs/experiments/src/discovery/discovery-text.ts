// A discovery as the terminal shows it: the cases, the chosen box with its limits and quasi-p-values, the trajectory.
import type { DiscoveryReport } from './discover-folder';

const fmt = (x: number) => (!Number.isFinite(x) ? '–' : Number(x.toPrecision(4)).toString());
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The chosen box and the trajectory's key steps. */
export function formatDiscovery(report: DiscoveryReport, trajectoryRows = 12): string {
  const { prim } = report;
  const box = prim.trajectory[prim.chosen];
  const lines = [
    `SiloLab discover — ${report.sweep}: ${report.condition}`,
    `  ${prim.cases} of ${prim.points} ${report.unit} are cases of interest (${pct(prim.cases / Math.max(1, prim.points))})${report.missing ? `; ${report.missing} runs without a value count as not` : ''}`,
    '',
    `  box ${prim.chosen} (${prim.reason}): coverage ${pct(box.coverage)}, density ${pct(box.density)}, mass ${pct(box.mass)}`,
  ];
  if (prim.restrictions.length === 0) lines.push('    no restriction: the cases are spread over the whole space');
  for (const r of prim.restrictions) {
    const limit = r.limit;
    const full = r.full;
    const range = limit.kind === 'numeric' && full.kind === 'numeric' ? `${fmt(limit.low)} ≤ x ≤ ${fmt(limit.high)}   (sampled ${fmt(full.low)}–${fmt(full.high)})` : limit.kind === 'categorical' ? `one of ${limit.categories.join(', ')}` : '';
    lines.push(`    ${limit.name.padEnd(42)} ${range}   qp ${r.qp < 1e-4 ? r.qp.toExponential(1) : fmt(r.qp)}`);
  }
  lines.push('', '  peeling trajectory (step, coverage, density, mass, restricted dimensions):');
  const steps = prim.trajectory;
  const every = Math.max(1, Math.ceil(steps.length / trajectoryRows));
  const shown = steps.filter((s, k) => k % every === 0 || k === steps.length - 1 || s.step === prim.chosen);
  for (const s of shown) lines.push(`    ${String(s.step).padStart(3)}  ${pct(s.coverage).padStart(8)}  ${pct(s.density).padStart(8)}  ${pct(s.mass).padStart(8)}  ${s.restricted}${s.step === prim.chosen ? '   ← chosen' : ''}`);
  if (shown.length < steps.length) lines.push(`    (${steps.length - shown.length} of ${steps.length} steps left out here; discover.csv has every step)`);
  return lines.join('\n');
}
