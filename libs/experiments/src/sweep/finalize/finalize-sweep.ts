// Writing a sweep's outputs from its journal, in canonical order (point, then replication), one run at a time.
import { join } from 'node:path';
import { MarginalSummary, outcomeReader, parameterCell, runColumns, RUN_TOTALS, summarisePoint, tableMetricKeys, tickColumns, type SensitivityAnalysis, type SweepPlan } from '@silolab/research';
import { writeFileAtomic } from '../../files/write-file-atomic';
import { sweepReportHtml, type ReportPoint } from '../../report/sweep-report';
import type { RunJournal } from '../run-journal';
import { SWEEP_FILES, type SweepManifest } from '../sweep-directory';
import { CsvTable } from './csv-table';
import { DesignAnalyses } from './design-analyses';
import { ParquetTable } from './parquet-table';
import { TickBands } from './tick-bands';

/** What finalising wrote. */
export interface FinalizeResult {
  finishedRuns: number;
  points: ReportPoint[];
  files: string[];
  /** Morris or Sobol designs: the indices (also in sensitivity.csv). */
  sensitivity: SensitivityAnalysis | null;
}

/** summary.csv columns (long format: one row per point and metric); `interval` says how the interval was made. */
export const SUMMARY_COLUMNS = ['n', 'missing', 'mean', 'sd', 'se', 'confidence', 'ciLow', 'ciHigh', 'interval'] as const;

/**
 * Writes runs.csv, runs.parquet, ticks.parquet, summary.csv and report.html into `out` from the journal. Rows are
 * in canonical order — run = point × replications + replication — whatever order the runs finished in, so an
 * interrupted and resumed sweep writes the same runs.csv, byte for byte, as an uninterrupted one. Memory holds one
 * point's replications and one Parquet row group at a time. Missing runs (a partial sweep) are skipped.
 */
export function finalizeSweep(out: string, plan: SweepPlan, journal: RunJournal, manifest: SweepManifest): FinalizeResult {
  const metricKeys = tableMetricKeys(plan.metricKeys, journal.metricKeys);
  const parameters = plan.parameters;
  const confidence = plan.definition.confidence;
  const runCols = runColumns(parameters, metricKeys);
  const metadata = { 'silolab.sweep': plan.definition.name, 'silolab.sweepHash': plan.sweepHash, 'silolab.version': manifest.version };
  const runsCsv = new CsvTable(join(out, SWEEP_FILES.runsCsv), runCols.map((c) => c.name));
  const runsParquet = new ParquetTable(join(out, SWEEP_FILES.runsParquet), runCols, 1024, metadata);
  const summaryHeader = ['point', ...parameters.map((p) => p.path), 'metric', ...SUMMARY_COLUMNS];
  const summaryCsv = new CsvTable(join(out, SWEEP_FILES.summaryCsv), summaryHeader);
  const summaryParquet = new ParquetTable(
    join(out, SWEEP_FILES.summaryParquet),
    [
      { name: 'point', kind: 'int32' },
      ...parameters.map((p, i) => ({ name: p.path, kind: runCols[3 + i].kind })),
      { name: 'metric', kind: 'string' },
      ...SUMMARY_COLUMNS.map((name) => ({ name, kind: name === 'n' || name === 'missing' ? ('int32' as const) : name === 'interval' ? ('string' as const) : ('double' as const) })),
    ],
    4096,
    metadata,
  );
  const analyses = new DesignAnalyses(plan);
  const reportColumns = [...new Set([...plan.summaryColumns, ...RUN_TOTALS.map((k) => `total.${k}`)])];
  const marginals = new MarginalSummary();
  const points: ReportPoint[] = [];
  let finishedRuns = 0;

  for (const point of plan.points) {
    const values: Record<string, Array<number | null>> = Object.fromEntries(reportColumns.map((c) => [c, []]));
    const paramCells = parameters.map((p, i) => parameterCell(point.params[p.path], runCols[3 + i].kind));
    for (let replication = 0; replication < plan.replications; replication++) {
      const run = point.index * plan.replications + replication;
      const record = journal.record(run);
      if (!record) continue;
      finishedRuns++;
      const read = outcomeReader(record);
      const row: unknown[] = [run, point.index, replication, ...paramCells, record.seed, record.digest, record.exchanges];
      for (let c = row.length; c < runCols.length; c++) row.push(read(runCols[c].name));
      runsCsv.append(row);
      runsParquet.append(row);
      for (const column of reportColumns) {
        const value = read(column);
        values[column].push(value);
        analyses.addRun(point.index, replication, column, value);
        for (const p of parameters) if (p.kind === 'levels') marginals.push(column, p.path, point.params[p.path], value);
      }
    }
    const summaries = summarisePoint(values, reportColumns, confidence);
    const n = values[reportColumns[0]].length;
    for (const s of summaries) {
      if (!plan.summaryColumns.includes(s.column) || n === 0) continue;
      const cells = [point.index, ...paramCells, s.column, s.n, s.missing, s.mean, s.sd, s.se, confidence, s.ciLow, s.ciHigh, s.method];
      summaryCsv.append(cells);
      summaryParquet.append(cells);
      analyses.addPoint(point.index, s.column, s.mean, s.sd, s.n);
    }
    if (n > 0) points.push({ point: point.index, params: point.params, n, stats: Object.fromEntries(summaries.map((s) => [s.column, { n: s.n, mean: s.mean, sd: s.sd, ciLow: s.ciLow, ciHigh: s.ciHigh }])) });
  }
  runsCsv.close();
  runsParquet.close();
  summaryCsv.close();
  summaryParquet.close();

  const bands = new TickBands(plan, metricKeys);
  writeTicks(out, plan, journal, metricKeys, metadata, bands);
  const analysed = analyses.write(out, metadata);

  const marginalData: Record<string, Record<string, Array<{ level: unknown; mean: number; ciLow: number; ciHigh: number; n: number }>>> = {};
  for (const column of reportColumns) {
    marginalData[column] = {};
    for (const p of parameters) {
      if (p.kind !== 'levels') continue;
      marginalData[column][p.path] = p.values.map((level) => {
        const interval = marginals.interval(column, p.path, level, confidence);
        return { level, mean: interval.mean, ciLow: interval.ciLow, ciHigh: interval.ciHigh, n: interval.n };
      });
    }
  }
  const status = finishedRuns === plan.runCount ? 'complete' : 'partial';
  const html = sweepReportHtml({
    name: plan.definition.name,
    description: plan.definition.description,
    status,
    version: manifest.version,
    sweepHash: plan.sweepHash,
    scenario: plan.scenario.name,
    runs: plan.runCount,
    finishedRuns,
    replications: plan.replications,
    ticks: plan.ticks,
    averageFrom: plan.averageFrom,
    confidence,
    rootSeed: plan.definition.rootSeed,
    seeds: plan.definition.seeds,
    parameters,
    metrics: plan.summaryColumns,
    points,
    marginals: marginalData,
    timeSeries: bands.result(confidence),
    sensitivity: analysed.sensitivity,
    anova: analysed.anova,
    design: plan.design.method,
  });
  writeFileAtomic(join(out, SWEEP_FILES.report), html);
  const files = [SWEEP_FILES.runsCsv, SWEEP_FILES.runsParquet, SWEEP_FILES.ticksParquet, SWEEP_FILES.ticksLongParquet, SWEEP_FILES.summaryCsv, SWEEP_FILES.summaryParquet, ...analysed.files, SWEEP_FILES.report, SWEEP_FILES.manifest];
  return { finishedRuns, points, files, sensitivity: analysed.sensitivity };
}

/**
 * ticks.parquet (one row per run and tick, every metric a column) and ticks_long.parquet (one row per run, tick
 * and metric: run, tick, metric, value — the long format plotting libraries and SQL prefer), runs in canonical
 * order; the shown points' rows also feed the report's time series.
 */
function writeTicks(out: string, plan: SweepPlan, journal: RunJournal, metricKeys: string[], metadata: Record<string, string>, bands: TickBands): void {
  const columns = tickColumns(plan.parameters, metricKeys);
  const table = new ParquetTable(join(out, SWEEP_FILES.ticksParquet), columns, 8192, metadata);
  const long = new ParquetTable(
    join(out, SWEEP_FILES.ticksLongParquet),
    [
      { name: 'run', kind: 'int32' },
      { name: 'tick', kind: 'int32' },
      { name: 'metric', kind: 'string' },
      { name: 'value', kind: 'double' },
    ],
    65536,
    metadata,
  );
  const fixed = 3 + plan.parameters.length + 2;
  for (const point of plan.points) {
    const paramCells = plan.parameters.map((p, i) => parameterCell(point.params[p.path], columns[3 + i].kind));
    for (let replication = 0; replication < plan.replications; replication++) {
      const run = point.index * plan.replications + replication;
      const record = journal.record(run);
      const ticks = record ? journal.ticks(run) : null;
      if (!record || !ticks) continue;
      const position = metricKeys.map((key) => record.metricKeys.indexOf(key));
      bands.add(point.index, ticks, record.metricKeys);
      ticks.forEach((row, tick) => {
        const cells: unknown[] = [run, point.index, replication, ...paramCells, record.seed, tick];
        for (let c = fixed; c < columns.length; c++) {
          const i = position[c - fixed];
          cells.push(i < 0 ? null : row[i]);
          if (i >= 0) long.append([run, tick, metricKeys[c - fixed], row[i]]);
        }
        table.append(cells);
      });
    }
  }
  table.close();
  long.close();
}
