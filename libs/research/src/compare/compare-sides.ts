// Comparing two sides (runs or sweeps, loaded from their folders): per matching parameter point, or pooled; Welch
// intervals and effect sizes.
import { meanInterval, type MeanInterval } from '../statistics/mean-interval';
import { compareSamples, effectLabel, type Comparison } from './compare-samples';

/** A group of samples (a parameter point of a sweep, or a whole run), per metric. */
export interface SampleGroup {
  /** Parameter values (path → cell text) of the group; empty for a run. */
  params: Record<string, string>;
  values: Record<string, number[]>;
}

/** One side of a comparison: a sweep folder (runs are the samples) or a run folder (batch means are the samples). */
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
}

/** One row of the comparison table. */
export interface ComparisonRow extends Comparison {
  /** The parameter point ("all" when pooled). */
  group: string;
  intervalA: MeanInterval;
  intervalB: MeanInterval;
  effect: string;
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
}

const pool = (groups: SampleGroup[], metric: string) => groups.flatMap((g) => g.values[metric] ?? []);

/**
 * Compares B with A on each metric. Two sweeps whose points match on the parameters that were not used to select
 * the sides (`--a-where` / `--b-where`) are compared point by point; otherwise all selected runs of each side are
 * pooled. Each row: means with their own intervals, the difference B − A with Welch's interval and p-value,
 * Cohen's d and Hedges' g.
 */
export function compareSides(a: ComparisonSide, b: ComparisonSide, metrics: string[], selected: string[], confidence = 0.95): ComparisonReport {
  const notes: string[] = [];
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
  const rows: ComparisonRow[] = [];
  for (const pair of pairs) {
    for (const metric of metrics) {
      const xs = pool(pair.a, metric);
      const ys = pool(pair.b, metric);
      const comparison = compareSamples(metric, xs, ys, confidence);
      rows.push({ group: pair.label, ...comparison, intervalA: meanInterval(xs, confidence), intervalB: meanInterval(ys, confidence), effect: effectLabel(comparison.hedgesG) });
    }
  }
  if (rows.some((row) => row.nA < 2 || row.nB < 2)) notes.push('intervals need at least two samples a side: use replications (sweeps) or more ticks (runs)');
  return { a: { dir: a.dir, label: a.label, note: a.note }, b: { dir: b.dir, label: b.label, note: b.note }, matching, confidence, metrics, rows, notes };
}
