// A comparison's files: compare.csv (one row per point and metric), compare.json and the offline compare.html.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonReport } from '@silolab/research';
import { writeFileAtomic } from '../files/write-file-atomic';
import { compareReportHtml } from '../report/compare-report';
import { CsvTable } from '../sweep/finalize/csv-table';

/** The comparison as JSON text (statistics that are not finite become null: JSON has no NaN). */
export function comparisonJson(report: ComparisonReport): string {
  return JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** Writes compare.csv, compare.json and compare.html into `out`. */
export function writeComparison(out: string, report: ComparisonReport): void {
  mkdirSync(out, { recursive: true });
  const table = new CsvTable(join(out, 'compare.csv'), ['point', 'metric', 'test', 'ticksA', 'ticksB', 'nA', 'meanA', 'sdA', 'nB', 'meanB', 'sdB', 'tauA', 'tauB', 'effectiveNA', 'effectiveNB', 'difference', 'se', 'df', 'confidence', 'ciLow', 'ciHigh', 't', 'p', 'pHolm', 'cohensD', 'hedgesG', 'effect']);
  for (const r of report.rows) {
    table.append([r.group, r.metric, r.test, r.ticksA ?? '', r.ticksB ?? '', r.nA, r.meanA, r.sdA, r.nB, r.meanB, r.sdB, r.tauA ?? '', r.tauB ?? '', r.effectiveNA ?? '', r.effectiveNB ?? '', r.difference, r.se, r.df, r.level, r.ciLow, r.ciHigh, r.t, r.p, r.pHolm, r.cohensD, r.hedgesG, r.effect]);
  }
  table.close();
  writeFileAtomic(join(out, 'compare.json'), comparisonJson(report));
  writeFileAtomic(join(out, 'compare.html'), compareReportHtml(report));
}
