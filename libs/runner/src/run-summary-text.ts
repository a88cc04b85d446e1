// A run's summary as the terminal shows it after `silolab run`: rates, silo index, refusal reasons, digest.
import type { FaultReport } from '@silolab/model';
import type { RunSummary } from './run-summary';

/** A rate as a percentage with one decimal (`27.1%`). */
export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The readable summary printed after a run. */
export function formatSummary(summary: RunSummary, out: string | undefined): string {
  const f = summary.final;
  const r = summary.refusals;
  const b = summary.blocked;
  const q = summary.socialQuality;
  return [
    `SiloLab — ${summary.scenario} (seed ${summary.manifest.seed}, ${summary.manifest.ticks} ticks, ${summary.manifest.transport})`,
    `  sharing rate (last tick)   ${pct(f.sharingRate)}   cross-system ${pct(f.crossSystemSharingRate)} · within-system ${pct(f.withinSystemSharingRate)} (window)`,
    `  silo index                 ${f.siloIndex.toFixed(3)}   modularity ${f.modularity.toFixed(3)} · giant component ${pct(f.giantComponentFraction)} · E–I ${f.crossSystemShare.toFixed(3)}`,
    `  service completion         ${pct(f.serviceCompletion)}   mean trust ${f.meanTrust.toFixed(3)} · leaks ${f.leaks} (detected ${f.leaksDetected})`,
    `  owner refusals (run)       unwilling 不愿 ${r.unwilling} · unable 不会 ${r.unable} · afraid 不敢 ${r.afraid}`,
    `  all non-deliveries (run)   unwilling ${b.unwilling} · unable ${b.unable} · afraid ${b.afraid}`,
    `  social quality             security ${q.security.toFixed(3)} · cohesion ${q.cohesion.toFixed(3)} · trust ${q.trust.toFixed(3)} · empowerment ${q.empowerment.toFixed(3)}`,
    `  ${summary.manifest.exchanges.toLocaleString('en')} exchanges in ${(summary.manifest.wallTimeMs / 1000).toFixed(2)} s`,
    `  digest ${summary.digest}`,
    ...faultLines((summary.transport as { faults?: FaultReport } | undefined)?.faults),
    out ? `  written to ${out}/ (metrics.csv, summary.json${summary.manifest.provenance === 'full' ? ', ledger.ndjson' : ''})` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The fault report of a fault run, as the readable summary shows it (nothing for a run without faults). */
export function faultLines(report: FaultReport | undefined): string[] {
  if (!report) return [];
  const { injected, survived } = report;
  return [
    `  faults injected            dropped ${injected.dropped} · duplicated ${injected.duplicated} · delayed ${injected.delayed} · reordered ${injected.reordered}`,
    ...report.events.map((event) => `    tick ${event.tick}: ${event.fault} (${event.target}) — recovered in ${event.recoveryMs === null ? '(run ended first)' : `${(event.recoveryMs / 1000).toFixed(1)} s`}`),
    `  survived                   redeliveries ${survived.redeliveries} · duplicates dropped ${survived.duplicatesDropped} (handled ${survived.duplicatesHandled}) · restarts ${survived.restarts}${report.medianTickMs === null ? '' : ` · median tick ${(report.medianTickMs / 1000).toFixed(1)} s`}`,
  ];
}
