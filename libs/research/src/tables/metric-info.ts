// What each metric is, for people and for statistics: a label with its unit, what it means, its range, and
// whether it counts things (stored as integers, intervals kept ≥ 0). Definitions in full: docs/metrics.md.

/** A metric's description. */
export interface MetricInfo {
  /** Axis label: what it is, in words, with its unit. */
  label: string;
  /** One sentence: what it measures. */
  meaning: string;
  /** Smallest and largest possible values (null: unbounded on that side). */
  min: number | null;
  max: number | null;
  /** A count of events (requests, refusals, leaks): whole numbers per tick and per run. */
  count: boolean;
}

const rate = (label: string, meaning: string): MetricInfo => ({ label: `${label} (share, 0–1)`, meaning, min: 0, max: 1, count: false });
const perTick = (label: string, meaning: string): MetricInfo => ({ label: `${label} (count per day)`, meaning, min: 0, max: null, count: true });

const KNOWN: Record<string, MetricInfo> = {
  tick: { label: 'tick (working day)', meaning: 'the day of the run, from 0', min: 0, max: null, count: true },
  requests: perTick('exchange requests', 'requests made in the day'),
  allowed: perTick('requests allowed by the hub', 'requests that passed the permission check'),
  denied: perTick('requests denied by the hub', 'requests the permission check refused'),
  shared: perTick('requests shared', 'requests delivered'),
  refused: perTick('requests refused by owners', 'allowed requests the owner refused'),
  failedTransfers: perTick('failed transfers', 'shared requests lost in schema mapping'),
  sharingRate: rate('sharing rate', 'delivered requests ÷ all requests in the day'),
  minimised: perTick('minimised requests', 'requests trimmed to the fields their purpose needs'),
  lowQualityDeliveries: perTick('low-quality deliveries', 'copies delivered below the minimum quality'),
  applications: perTick('citizen applications', 'applications for services made in the day'),
  serviceCompletion: rate('service completion', 'completed applications ÷ applications in the day'),
  crossSystemSharingRate: rate('cross-system sharing rate', 'deliveries ÷ requests across ministry lines (条), over the window'),
  withinSystemSharingRate: rate('within-system sharing rate', 'deliveries ÷ requests within a ministry line, over the window'),
  siloIndex: { label: 'silo index (0 = no silos, 1 = nothing crosses a line)', meaning: '1 − cross-system ÷ within-system sharing rate over the window, clipped to 0–1', min: 0, max: 1, count: false },
  components: { label: 'network components (count)', meaning: 'connected components of the window sharing network', min: 1, max: null, count: true },
  giantComponentFraction: rate('giant component', 'share of departments in the largest connected component'),
  modularity: { label: 'modularity Q (−0.5–1)', meaning: 'modularity of the Louvain communities of the window network', min: -0.5, max: 1, count: false },
  communities: { label: 'communities (count)', meaning: 'Louvain communities of the window network', min: 1, max: null, count: true },
  crossSystemShare: { label: 'E–I index (−1 = all ties within lines, 1 = all across)', meaning: "Krackhardt's E–I index of the window network by ministry line", min: -1, max: 1, count: false },
  networkEdges: { label: 'network ties (count)', meaning: 'department pairs with a delivery in the window', min: 0, max: null, count: true },
  meanTrust: rate('mean trust', 'mean trust between departments'),
  meanTrustWithin: rate('mean trust within lines', 'mean trust between departments of the same line'),
  meanTrustAcross: rate('mean trust across lines', 'mean trust between departments of different lines'),
  meanPerceivedRisk: rate('perceived leak risk', "departments' mean perceived chance that a delivered copy leaks and is detected"),
  leaks: perTick('leaks', 'delivered copies that leaked'),
  leaksDetected: perTick('detected leaks', 'leaks that were detected'),
  attributedLeaks: perTick('attributed leaks', 'detected leaks whose leaker was identified'),
  penalties: { label: 'penalties (penalty units per day)', meaning: 'leak and audit penalties paid', min: 0, max: null, count: false },
  auditedRefusals: perTick('audited refusals', 'refusals audited and penalised'),
  pointsPaid: { label: 'points paid (points per day)', meaning: 'incentive points paid for deliveries', min: 0, max: null, count: false },
  agreementApplications: perTick('agreement applications', 'applications for conditional-sharing agreements opened'),
  agreementsGranted: perTick('agreements granted', 'pending agreements granted'),
  agreementsRefused: perTick('agreements refused', 'pending agreements refused'),
  deadlineBreaches: perTick('agreement deadline breaches', 'applications that passed their deadline unanswered'),
  escalations: perTick('escalations', 'applications escalated to a supervisor'),
  pendingAgreements: { label: 'pending agreements (count)', meaning: 'applications pending at the end of the day', min: 0, max: null, count: true },
  strategyShare: rate('share strategy', 'share of departments whose strategy is to share (imitation)'),
};

const REASON_WORDS: Record<string, string> = { unwilling: 'unwilling 不愿', unable: 'unable 不会', afraid: 'afraid 不敢' };
const SOCIAL_QUALITY: Record<string, string> = { security: 'socio-economic security 社会经济保障', cohesion: 'social cohesion 社会凝聚', trust: 'social trust 社会信任', empowerment: 'social empowerment 社会赋权' };

const words = (camel: string) => camel.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The description of a metric of metrics.csv (`refusals.afraid`, `serviceCompletion.elderly`, …). */
export function metricInfo(metric: string): MetricInfo {
  if (Object.prototype.hasOwnProperty.call(KNOWN, metric)) return KNOWN[metric];
  const [group, member = ''] = metric.split(/\.(.*)/s);
  if (group === 'refusals') return perTick(`owner refusals, ${REASON_WORDS[member] ?? member}`, `owner refusals whose dominant reason was ${member}`);
  if (group === 'blocked') return perTick(`non-deliveries, ${REASON_WORDS[member] ?? member}`, `hub denials, refusals and failed transfers in category ${member}`);
  if (group === 'denied') return perTick(`hub denials: ${words(member)}`, `requests the hub denied for ${words(member)}`);
  if (group === 'serviceCompletion') return rate(`service completion, ${member}`, `completed applications of citizen group ${member}`);
  if (group === 'socialQuality') return { label: `${SOCIAL_QUALITY[member] ?? member} (index, 0–1)`, meaning: `social-quality index: ${member}`, min: 0, max: 1, count: false };
  return { label: metric, meaning: metric, min: null, max: null, count: false };
}

/**
 * The description of a runs.csv column: `final.X` is X on the last day, `mean.X` its average over the averaging
 * window (a count becomes a mean per day, no longer whole), `total.refusals.*` / `total.blocked.*` counts over the
 * run. A bare metric name describes the metric itself.
 */
export function columnInfo(column: string): MetricInfo {
  const match = /^(final|mean|total)\.(.+)$/s.exec(column);
  if (!match) return metricInfo(column);
  const [, statistic, metric] = match;
  const info = metricInfo(metric);
  if (statistic === 'final') return { ...info, label: `${info.label}, last day` };
  if (statistic === 'total') return { ...info, label: info.label.replace('per day', 'per run'), meaning: `${info.meaning}, summed over the run`, max: null };
  return { ...info, label: info.count ? info.label.replace('(count per day)', '(mean per day)') : `${info.label}, time average`, count: false };
}
