// The end of a sweep as the terminal shows it: files, speed, and the first chosen metrics per point with intervals.
import type { SweepResult } from './run-sweep';

const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(1) : Number(x.toPrecision(3)).toString());

/** The readable end-of-sweep summary: files, speed, and the first chosen metrics per point. */
export function formatSweepResult(result: SweepResult, columns: string[]): string {
  const rate = result.ranNow > 0 ? ` (${(result.ranNow / (result.wallTimeMs / 1000)).toFixed(2)} runs/s)` : '';
  const lines = [
    `SiloLab sweep — ${result.status}: ${result.finishedRuns}/${result.runs} runs; ${result.ranNow} ran now in ${(result.wallTimeMs / 1000).toFixed(1)} s${rate} on ${result.executor}`,
    `  written to ${result.out}/ (${result.files.join(', ')})`,
  ];
  const shown = columns.slice(0, 4);
  const hiddenColumns = columns.slice(4);
  if (result.points.length > 0 && shown.length > 0) {
    const paramNames = Object.keys(result.points[0].params);
    const head = ['point', 'n', ...paramNames.map((path) => path.split('.').pop()!), ...shown.map((c) => `${c} [CI]`)];
    const body = result.points.slice(0, 30).map((point) => [
      String(point.point),
      String(point.n),
      ...paramNames.map((path) => (typeof point.params[path] === 'number' ? fmt(point.params[path] as number) : String(point.params[path]))),
      ...shown.map((c) => {
        const s = point.stats[c];
        return `${fmt(s?.mean)} [${fmt(s?.ciLow)}, ${fmt(s?.ciHigh)}]`;
      }),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    lines.push('');
    for (const row of [head, ...body]) lines.push('  ' + row.map((cell, i) => (i < 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
    if (result.points.length > 30) lines.push(`  … ${result.points.length - 30} more points (${result.points.length - 30} of ${result.points.length} left out here): summary.csv has them`);
    if (hiddenColumns.length > 0) lines.push(`  … ${hiddenColumns.length} more metrics left out here: ${hiddenColumns.join(', ')} (summary.csv, report.html)`);
  }
  return lines.join('\n');
}
