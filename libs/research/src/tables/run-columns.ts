// The columns of runs.csv / runs.parquet and ticks.parquet, and the values of a run in them.
import { canonicalJson } from '@silolab/model';
import type { Parameter } from '../design/parameter';
import type { RunOutcome } from '../runs/run-job';
import { outcomeColumns, RUN_TOTALS } from '../sweep/metric-columns';
import { columnInfo } from './metric-info';

/**
 * Column types of SiloLab's tables (Parquet physical types, as the table writers name them). `count` is a whole
 * number that may be missing (INT64, nullable): the counts among the metrics (requests, refusals, leaks, …).
 */
export type ColumnKind = 'int32' | 'int64' | 'count' | 'double' | 'string' | 'boolean';

/** The kind of an outcome column: a count (per tick, on the last day, or over the run) is whole; averages are doubles. */
export function outcomeKind(column: string): ColumnKind {
  return columnInfo(column).count ? 'count' : 'double';
}

/** The values of a finished run that the tables read: its metric names, final and mean rows, and run totals. */
export type RunValues = Pick<RunOutcome, 'metricKeys' | 'final' | 'mean' | 'totals'>;

/** A column: its name, Parquet kind, and how a parameter value is written (non-scalar values as canonical JSON). */
export interface TableColumn {
  name: string;
  kind: ColumnKind;
}

/** The Parquet kind of a parameter's values: numbers → double, strings → string, booleans → boolean, else JSON text. */
export function parameterKind(parameter: Parameter): ColumnKind {
  if (parameter.kind === 'range') return 'double';
  if (parameter.values.every((v) => typeof v === 'number')) return 'double';
  if (parameter.values.every((v) => typeof v === 'boolean')) return 'boolean';
  return 'string';
}

/** A parameter value as stored in a table cell of `kind`. */
export function parameterCell(value: unknown, kind: ColumnKind): unknown {
  if (kind === 'string' && typeof value !== 'string') return canonicalJson(value);
  return value;
}

/**
 * Metric names of the tables: the plan's (from the probe of the base scenario, in the engine's order), then any
 * others that finished runs reported (a parameter can add citizen groups, say), sorted — so the columns never
 * depend on the order in which runs finished. `tick` is left out.
 */
export function tableMetricKeys(planKeys: string[], journalKeys: Iterable<string>): string[] {
  const known = new Set(planKeys);
  const extra = [...journalKeys].filter((key) => !known.has(key)).sort();
  // The engine's `tick` is the row's tick number, a column of its own in ticks.parquet, not an outcome.
  return [...planKeys, ...extra].filter((key) => key !== 'tick');
}

/** Identity columns of a run, before its parameters. */
const RUN_ID: TableColumn[] = [
  { name: 'run', kind: 'int32' },
  { name: 'point', kind: 'int32' },
  { name: 'replication', kind: 'int32' },
];

/** runs.csv columns: run, point, replication, each parameter, seed, digest, exchanges, final.*, mean.*, total.*. */
export function runColumns(parameters: Parameter[], metricKeys: string[]): TableColumn[] {
  return [
    ...RUN_ID,
    ...parameters.map((p) => ({ name: p.path, kind: parameterKind(p) })),
    { name: 'seed', kind: 'int64' },
    { name: 'digest', kind: 'string' },
    { name: 'exchanges', kind: 'int64' },
    ...outcomeColumns(metricKeys).map((name) => ({ name, kind: outcomeKind(name) })),
  ];
}

/** ticks.parquet columns: run, point, replication, each parameter, seed, tick, then every metric. */
export function tickColumns(parameters: Parameter[], metricKeys: string[]): TableColumn[] {
  return [
    ...RUN_ID,
    ...parameters.map((p) => ({ name: p.path, kind: parameterKind(p) })),
    { name: 'seed', kind: 'int64' },
    { name: 'tick', kind: 'int32' },
    ...metricKeys.map((name) => ({ name, kind: outcomeKind(name) })),
  ];
}

/** Reads a run's outcome values by runs.csv column name (`final.x`, `mean.x`, `total.refusals.afraid`). */
export function outcomeReader(record: RunValues): (column: string) => number | null {
  const position = new Map(record.metricKeys.map((key, i) => [key, i]));
  return (column) => {
    const dot = column.indexOf('.');
    const statistic = column.slice(0, dot);
    const metric = column.slice(dot + 1);
    if (statistic === 'total') return RUN_TOTALS.includes(metric) ? (record.totals[metric] ?? null) : null;
    const i = position.get(metric);
    if (i === undefined) return null;
    return (statistic === 'final' ? record.final[i] : statistic === 'mean' ? record.mean[i] : null) ?? null;
  };
}
