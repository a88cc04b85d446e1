// The target of a calibration, read from CSV, and the distance of simulated outcomes from it.
import type { InputIssue } from '@silolab/model';
import { parseCsvLine } from '../tables/csv-line';

/** Target limits, checked before rows are parsed. */
export const TARGET_FILE_LIMITS = { bytes: 16 * 1024 * 1024, rows: 100000, columns: 500 } as const;

/** A target per tick: each metric's value at each tick from `from` on. */
export interface TickTarget {
  kind: 'ticks';
  from: number;
  /** `ticks`: every tick is a summary; `means`: each metric's mean over the ticks is (a moment, far less noisy). */
  compare: 'ticks' | 'means';
  /** metric → value per tick, tick `from` first (NaN where the file had none). */
  series: Map<string, number[]>;
}

/** A target of summary moments: runs.csv columns with a value, and optionally the scale of their distance. */
export interface MomentTarget {
  kind: 'moments';
  moments: Array<{ column: string; value: number; scale: number | null }>;
}

export type CalibrationTarget = TickTarget | MomentTarget;

const number = (cell: string) => (cell.trim() === '' ? NaN : Number(cell));

/**
 * Parses a target file (text already checked against {@link TARGET_FILE_LIMITS}.bytes). A header with a `tick`
 * column means per-tick values — a run's metrics.csv as it is; a header `metric,value` (and optionally `scale`) means
 * moments, one per row, named like runs.csv columns (a bare metric name is its time average, `mean.<metric>`).
 * `metrics` narrows what is compared. Metric names stay in Maps and arrays, never keys of plain objects.
 */
export function parseTarget(text: string, options: { metrics?: string[]; from: number; compare?: 'ticks' | 'means'; knownMetrics: string[] }): { target: CalibrationTarget } | { issues: InputIssue[] } {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const fail = (path: string, message: string) => ({ issues: [{ path, message }] });
  if (lines.length < 2) return fail('target.file', 'expected a header and at least one row');
  if (lines.length - 1 > TARGET_FILE_LIMITS.rows) return fail('target.file', `${lines.length - 1} rows: at most ${TARGET_FILE_LIMITS.rows}`);
  const header = parseCsvLine(lines[0].replace(/^\uFEFF/, '')).map((h) => h.trim());
  if (header.length > TARGET_FILE_LIMITS.columns) return fail('target.file', `${header.length} columns: at most ${TARGET_FILE_LIMITS.columns}`);
  const known = new Set(options.knownMetrics);
  if (header.includes('tick')) {
    const tickColumn = header.indexOf('tick');
    const wanted = options.metrics ?? header.filter((h) => h !== 'tick');
    const unknown = wanted.filter((m) => !header.includes(m) || !known.has(m));
    if (unknown.length > 0) return fail('target.metrics', `${unknown.map((m) => `"${m}"`).join(', ')}: not ${header.includes(unknown[0]) ? 'a metric the runs report' : 'a column of the target file'} (columns: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''})`);
    const rows = lines.slice(1).map(parseCsvLine);
    const ticks = rows.map((row) => Number(row[tickColumn]));
    const bad = ticks.findIndex((tick, i) => !Number.isInteger(tick) || tick < 0 || (i > 0 && tick !== ticks[i - 1] + 1));
    if (bad >= 0) return fail(`target.file:${bad + 2}`, `tick "${rows[bad][tickColumn]}": ticks must be whole numbers counting up by one`);
    const start = ticks[0];
    const first = options.from - start;
    if (first < 0 || first >= rows.length) return fail('target.from', `tick ${options.from} is not in the target file (ticks ${start}–${start + rows.length - 1})`);
    const series = new Map(wanted.map((metric) => [metric, rows.slice(first).map((row) => number(row[header.indexOf(metric)] ?? ''))]));
    return { target: { kind: 'ticks', from: options.from, compare: options.compare ?? 'ticks', series } };
  }
  const metricColumn = header.indexOf('metric');
  const valueColumn = header.indexOf('value');
  if (metricColumn < 0 || valueColumn < 0) return fail('target.file:1', 'expected a `tick` column (values per tick, like metrics.csv) or the columns metric,value[,scale] (moments)');
  const scaleColumn = header.indexOf('scale');
  const moments: MomentTarget['moments'] = [];
  const issues: InputIssue[] = [];
  lines.slice(1).forEach((line, i) => {
    const row = parseCsvLine(line);
    const name = (row[metricColumn] ?? '').trim();
    const value = number(row[valueColumn] ?? '');
    const scale = scaleColumn >= 0 && (row[scaleColumn] ?? '').trim() !== '' ? number(row[scaleColumn]) : null;
    const column = /^(final|mean|total)\./.test(name) ? name : `mean.${name}`;
    const metric = column.replace(/^(final|mean|total)\./, '');
    if (options.metrics && !options.metrics.includes(name) && !options.metrics.includes(column)) return;
    if (!known.has(metric)) issues.push({ path: `target.file:${i + 2}`, message: `"${name}" is not a metric the runs report` });
    else if (!Number.isFinite(value)) issues.push({ path: `target.file:${i + 2}`, message: `value "${row[valueColumn]}" is not a number` });
    else if (scale !== null && !(scale > 0)) issues.push({ path: `target.file:${i + 2}`, message: `scale "${row[scaleColumn]}" must be a positive number` });
    else moments.push({ column, value, scale });
  });
  if (issues.length > 0) return { issues: issues.slice(0, 20) };
  if (moments.length === 0) return fail('target', 'no moments to compare');
  return { target: { kind: 'moments', moments } };
}

/**
 * The summary a particle is compared on: per moment its simulated value, or per metric its simulated value at each
 * tick compared — both flattened to one vector in the target's order, with the target vector beside it.
 */
export function targetVector(target: CalibrationTarget): { names: string[]; values: number[] } {
  if (target.kind === 'moments') return { names: target.moments.map((m) => m.column), values: target.moments.map((m) => m.value) };
  const names: string[] = [];
  const values: number[] = [];
  for (const [metric, series] of target.series) {
    if (target.compare === 'means') {
      const finite = series.filter(Number.isFinite);
      names.push(`mean.${metric}`);
      values.push(finite.reduce((s, v) => s + v, 0) / finite.length);
    } else series.forEach((value, k) => (names.push(`${metric}@${target.from + k}`), values.push(value)));
  }
  return { names, values };
}

/**
 * Scales of the distance: each moment's (or each metric's) given scale, else the standard deviation of the
 * simulated values over the first generation's particles — draws from the prior, so every summary counts in units
 * of how much the prior makes it vary (the usual normalisation in ABC). Per tick, one scale per metric, pooled over
 * its ticks. A scale of 0 (a summary no particle changes) becomes 1.
 */
export function distanceScales(target: CalibrationTarget, simulated: number[][]): number[] {
  const { names } = targetVector(target);
  const sd = (values: number[]) => {
    const finite = values.filter(Number.isFinite);
    if (finite.length < 2) return 1;
    const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
    const result = Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / (finite.length - 1));
    return result > 0 ? result : 1;
  };
  if (target.kind === 'moments') return target.moments.map((m, k) => m.scale ?? sd(simulated.map((row) => row[k])));
  if (target.compare === 'means') return names.map((_, k) => sd(simulated.map((row) => row[k])));
  const group = names.map((name) => name.slice(0, name.lastIndexOf('@')));
  const perMetric = new Map([...new Set(group)].map((metric) => [metric, sd(simulated.flatMap((row) => row.filter((_, k) => group[k] === metric)))]));
  return group.map((metric) => perMetric.get(metric)!);
}

/** The distance of a particle's summaries from the target: the root mean square of the scaled differences. */
export function scaledDistance(simulated: number[], target: number[], scales: number[]): number {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < target.length; k++) {
    if (!Number.isFinite(target[k])) continue;
    const difference = (simulated[k] - target[k]) / scales[k];
    sum += Number.isFinite(difference) ? difference * difference : Infinity;
    count++;
  }
  return count > 0 ? Math.sqrt(sum / count) : Infinity;
}
