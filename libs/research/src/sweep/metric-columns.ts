// The columns of runs.csv that describe outcomes, and resolving the metric names a sweep file asks to summarise.
import { REFUSAL_CATEGORIES } from '@silolab/model';
import { closest } from './scenario-key';

/** Run-level counts (summed over every tick, as in summary.json): `total.refusals.*` and `total.blocked.*`. */
export const RUN_TOTALS: string[] = [...REFUSAL_CATEGORIES.map((c) => `refusals.${c}`), ...REFUSAL_CATEGORIES.map((c) => `blocked.${c}`)];

/** Outcome columns of a run in runs.csv order: `final.<metric>` for every metric, `mean.<metric>`, `total.<count>`. */
export function outcomeColumns(metricKeys: string[]): string[] {
  return [...metricKeys.map((k) => `final.${k}`), ...metricKeys.map((k) => `mean.${k}`), ...RUN_TOTALS.map((k) => `total.${k}`)];
}

/**
 * Resolves a metric name from a sweep file to a runs.csv column: `final.X`, `mean.X` and `total.refusals.*` /
 * `total.blocked.*` stand as written; a bare metric name `X` means `mean.X`, its time average. Returns the column,
 * or an error message naming what was expected.
 */
export function resolveMetricColumn(name: string, metricKeys: string[]): { column: string } | { error: string } {
  const known = new Set(metricKeys);
  const match = /^(final|mean|total)\.(.+)$/.exec(name);
  if (match) {
    const [, statistic, metric] = match;
    if (statistic === 'total') {
      if (RUN_TOTALS.includes(metric)) return { column: name };
      return { error: `total.* exists for run-level counts only: ${RUN_TOTALS.map((k) => `total.${k}`).join(', ')}` };
    }
    if (known.has(metric)) return { column: name };
    const guess = closest(metric, metricKeys);
    return { error: `unknown metric "${metric}"${guess ? `; did you mean "${statistic}.${guess}"?` : ''}` };
  }
  if (known.has(name)) return { column: `mean.${name}` };
  const guess = closest(name, metricKeys);
  return {
    error: `unknown metric "${name}"${guess ? `; did you mean "${guess}"?` : ''} (expected a metric such as sharingRate, siloIndex, refusals.afraid — see docs/metrics.md — optionally as final.<metric>, mean.<metric> or total.refusals.<reason>)`,
  };
}
