// Comparing two sides (runs or sweeps, loaded from their folders): per matching parameter point, or pooled; Welch
// or paired intervals, effect sizes, and Holm-adjusted p-values over the whole table.
import { withinRange, type RangedInterval } from '../statistics/bounded-interval';
import { holmAdjust } from '../statistics/holm';
import { meanInterval } from '../statistics/mean-interval';
import type { SeriesSummary } from '../statistics/series-summary';
import { studentTQuantile } from '../statistics/student-t';
import { columnInfo } from '../tables/metric-info';
import { compareSamples, compareSeries, effectLabel, type Comparison } from './compare-samples';

/** A group of samples (a parameter point of a sweep, or a whole run), per metric. */
export interface SampleGroup {
  /** Parameter values (path → cell text) of the group; empty for a run. */
  params: Record<string, string>;
  /** Sweeps: one entry per run (null where the run has no value), aligned with `seeds`. */
  values: Record<string, Array<number | null>>;
  /** Sweeps: each run's seed (runs with equal seeds on both sides are paired under `seeds: common`). */
  seeds?: number[];
  /** Runs: each metric's ticks summarised with their autocorrelation. */
  series?: Record<string, SeriesSummary>;
}

/** One side of a comparison: a sweep folder (runs are the samples) or a run folder (its ticks, autocorrelated). */
export interface ComparisonSide {
  kind: 'sweep' | 'run';
  dir: string;
  label: string;
  /** Columns the side can be compared on. */
  columns: string[];
  /** Metrics the side suggests (a sweep's chosen metrics). */
  defaultMetrics: string[];
  parameters: string[];
  groups: SampleGroup[];
  note: string;
  /** Sweeps: runs share seeds across points (`seeds: common`), so matched runs can be paired. */
  commonSeeds?: boolean;
  /** The folder's identity (sweep hash), to know when both sides are one sweep. */
  identity?: string;
}

/** One row of the comparison table. */
export interface ComparisonRow extends Comparison {
  /** The parameter point ("all" when pooled). */
  group: string;
  intervalA: RangedInterval;
  intervalB: RangedInterval;
  effect: string;
  /** Holm-adjusted p over every row of the comparison (many metrics, many points: one family). */
  pHolm: number;
  /** Runs: the ticks each side's mean uses, after the warm-up, e.g. "4–59". */
  ticksA?: string;
  ticksB?: string;
  /** Runs: integrated autocorrelation time (ticks) and effective sample size of each side. */
  tauA?: number;
  tauB?: number;
  effectiveNA?: number;
  effectiveNB?: number;
}

/** The whole comparison. */
export interface ComparisonReport {
  a: { dir: string; label: string; note: string };
  b: { dir: string; label: string; note: string };
  matching: 'points' | 'pooled';
  confidence: number;
  metrics: string[];
  rows: ComparisonRow[];
  notes: string[];
  /** Messages a script can grep for: each names the metric and contains the word "autocorrelated". */
  warnings: string[];
}

const pool = (groups: SampleGroup[], metric: string) => groups.flatMap((g) => g.values[metric] ?? []);

/** A run side's interval of its time average: mean ± t(df)·se, kept inside the metric's range. */
function seriesInterval(series: SeriesSummary, level: number, metric: string): RangedInterval {
  const half = series.n > 1 && Number.isFinite(series.se) ? studentTQuantile((1 + level) / 2, series.df) * series.se : NaN;
  // withinRange maps intervals on the t scale with n − 1 degrees of freedom; give it the effective n.
  const n = Math.max(2, Math.round(series.df + 1));
  return withinRange({ n, mean: series.mean, sd: series.sd, se: series.se, level, ciLow: series.mean - half, ciHigh: series.mean + half }, columnInfo(metric));
}

/** Pairs the runs of two groups by seed; null unless every run with a value has a partner with a value. */
function pairBySeed(a: SampleGroup[], b: SampleGroup[], metric: string): { a: number[]; b: number[] } | null {
  const bySeed = new Map<number, number>();
  let bCount = 0;
  for (const group of b) {
    (group.values[metric] ?? []).forEach((value, i) => {
      if (value === null || !group.seeds) return;
      bySeed.set(group.seeds[i], value);
      bCount++;
    });
  }
  const pairs = { a: [] as number[], b: [] as number[] };
  for (const group of a) {
    for (const [i, value] of (group.values[metric] ?? []).entries()) {
      if (value === null) continue;
      const partner = group.seeds ? bySeed.get(group.seeds[i]) : undefined;
      if (partner === undefined) return null;
      pairs.a.push(value);
      pairs.b.push(partner);
    }
  }
  return pairs.a.length >= 2 && pairs.a.length === bCount ? pairs : null;
}

/**
 * Compares B with A on each metric. Two sweeps whose points match on the parameters that were not used to select
 * the sides (`--a-where` / `--b-where`) are compared point by point; otherwise all selected runs of each side are
 * pooled. Runs of one sweep with common seeds are paired by seed. Two single runs are compared on their time
 * averages with autocorrelation-aware standard errors, and a metric too autocorrelated for the run's length gets a
 * warning. Each row: means with their own intervals (inside the metric's range), the difference B − A with its
 * interval and p-value, Holm's adjusted p over the table, Cohen's d and Hedges' g.
 */
export function compareSides(a: ComparisonSide, b: ComparisonSide, metrics: string[], selected: string[], confidence = 0.95): ComparisonReport {
  const notes: string[] = [];
  const warnings: string[] = [];
  const shared = a.parameters.filter((p) => b.parameters.includes(p) && !selected.includes(p));
  const keyOf = (group: SampleGroup) => JSON.stringify(shared.map((p) => group.params[p]));
  const groupsB = new Map<string, SampleGroup[]>();
  for (const group of b.groups) groupsB.set(keyOf(group), [...(groupsB.get(keyOf(group)) ?? []), group]);
  const pairs: Array<{ label: string; a: SampleGroup[]; b: SampleGroup[] }> = [];
  if (a.kind === 'sweep' && b.kind === 'sweep' && shared.length > 0) {
    const groupsA = new Map<string, SampleGroup[]>();
    for (const group of a.groups) groupsA.set(keyOf(group), [...(groupsA.get(keyOf(group)) ?? []), group]);
    for (const [key, groupA] of groupsA) {
      const groupB = groupsB.get(key);
      if (groupB) pairs.push({ label: shared.map((p) => `${p.split('.').pop()}=${groupA[0].params[p]}`).join(', '), a: groupA, b: groupB });
    }
    const unmatched = groupsA.size - pairs.length + (groupsB.size - pairs.length);
    if (pairs.length > 0 && unmatched > 0) notes.push(`${unmatched} point(s) without a partner on the other side are left out`);
  }
  const matching = pairs.length > 0 ? 'points' : 'pooled';
  if (pairs.length === 0) pairs.push({ label: 'all', a: a.groups, b: b.groups });
  if (matching === 'pooled' && (a.groups.length > 1 || b.groups.length > 1)) notes.push('points do not match between the sides: all selected runs of each side are pooled');
  const canPair = a.kind === 'sweep' && b.kind === 'sweep' && a.commonSeeds === true && b.commonSeeds === true && a.identity !== undefined && a.identity === b.identity;
  const rows: Omit<ComparisonRow, 'pHolm'>[] = [];
  for (const pair of pairs) {
    for (const metric of metrics) {
      const range = columnInfo(metric);
      if (a.kind === 'run' && b.kind === 'run') {
        const sa = pair.a[0].series![metric];
        const sb = pair.b[0].series![metric];
        const comparison = compareSeries(metric, sa, sb, confidence, range);
        for (const [side, s] of [['A', sa], ['B', sb]] as const) {
          if (s.autocorrelated) {
            warnings.push(
              `${metric} (${side}) is too autocorrelated for the run's length: integrated autocorrelation time ${s.tau.toFixed(1)} ticks, so ticks ${s.firstTick}–${s.lastTick} hold about ${s.effectiveN.toFixed(1)} independent samples; its interval rests on a rough estimate — run longer, or compare replications in a sweep`,
            );
          }
        }
        rows.push({
          group: pair.label,
          ...comparison,
          intervalA: seriesInterval(sa, confidence, metric),
          intervalB: seriesInterval(sb, confidence, metric),
          effect: effectLabel(comparison.hedgesG),
          ticksA: `${sa.firstTick}–${sa.lastTick}`,
          ticksB: `${sb.firstTick}–${sb.lastTick}`,
          tauA: sa.tau,
          tauB: sb.tau,
          effectiveNA: sa.effectiveN,
          effectiveNB: sb.effectiveN,
        });
        continue;
      }
      const xs = pool(pair.a, metric);
      const ys = pool(pair.b, metric);
      const matched = canPair ? pairBySeed(pair.a, pair.b, metric) : null;
      const comparison = compareSamples(metric, xs, ys, confidence, range, matched ?? undefined);
      const finite = (values: Array<number | null>) => values.filter((v): v is number => v !== null && Number.isFinite(v));
      rows.push({ group: pair.label, ...comparison, intervalA: withinRange(meanInterval(finite(xs), confidence), range), intervalB: withinRange(meanInterval(finite(ys), confidence), range), effect: effectLabel(comparison.hedgesG) });
    }
  }
  if (canPair) notes.push('the sweep uses common seeds: runs of the two sides with the same seed are paired (paired t)');
  if (rows.some((row) => row.nA < 2 || row.nB < 2)) notes.push('intervals need at least two samples a side: use replications (sweeps) or more ticks (runs)');
  const undefinedRows = rows.filter((row) => row.se === 0);
  if (undefinedRows.length > 0) notes.push(`no spread on either side, so no test (p undefined): ${[...new Set(undefinedRows.map((row) => row.metric))].join(', ')}`);
  if (rows.length > 1) notes.push(`p (Holm) adjusts the ${rows.length} p-values of this table for multiple testing`);
  const adjusted = holmAdjust(rows.map((row) => row.p));
  return {
    a: { dir: a.dir, label: a.label, note: a.note },
    b: { dir: b.dir, label: b.label, note: b.note },
    matching,
    confidence,
    metrics,
    rows: rows.map((row, i) => ({ ...row, pHolm: adjusted[i] })),
    notes,
    warnings,
  };
}
