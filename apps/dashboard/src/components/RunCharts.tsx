// The run's time series: sharing and silos, refusals by reason, leaks, and the four social-quality indices.
import { useSignal } from '@preact/signals';
import { bilingualText, t } from '../i18n/i18n';
import type { RunShown } from '../run/run-session';
import { TimeSeriesChart, type SeriesSpec } from './TimeSeriesChart';

const SHARING: SeriesSpec[] = [
  { metric: 'sharingRate', label: () => t('charts.sharingRate'), colour: '#1f77b4' },
  { metric: 'siloIndex', label: () => t('charts.siloIndex'), colour: '#d62728' },
  { metric: 'serviceCompletion', label: () => t('charts.serviceCompletion'), colour: '#2ca02c' },
  { metric: 'meanTrust', label: () => t('charts.meanTrust'), colour: '#9467bd' },
];

/** Refusal reasons in the essay's order and colours shared by every page: 不愿 amber, 不会 blue, 不敢 red. */
export const REASON_COLOURS = { unwilling: '#e69f00', unable: '#0072b2', afraid: '#d55e00' } as const;

const reasons = (prefix: 'refusals' | 'blocked'): SeriesSpec[] =>
  (['unwilling', 'unable', 'afraid'] as const).map((reason) => ({ metric: `${prefix}.${reason}`, label: () => bilingualText(reason), colour: REASON_COLOURS[reason] }));
const OWNER_REFUSALS = reasons('refusals');
const ALL_BLOCKED = reasons('blocked');

const LEAKS: SeriesSpec[] = [
  { metric: 'leaks', label: () => t('charts.leaksAll'), colour: '#d62728' },
  { metric: 'leaksDetected', label: () => t('charts.leaksDetected'), colour: '#7f7f7f' },
];

export const QUALITY: SeriesSpec[] = [
  { metric: 'socialQuality.security', label: () => t('quality.security'), colour: '#1b9e77' },
  { metric: 'socialQuality.cohesion', label: () => t('quality.cohesion'), colour: '#d95f02' },
  { metric: 'socialQuality.trust', label: () => t('quality.trust'), colour: '#7570b3' },
  { metric: 'socialQuality.empowerment', label: () => t('quality.empowerment'), colour: '#e7298a' },
];

export function SharingChart({ session, fontSize }: { session: RunShown; fontSize?: number }) {
  return <TimeSeriesChart name="sharing" title={() => t('charts.sharing')} session={session} series={SHARING} kind="line" percent fontSize={fontSize} />;
}

/** Owner refusals by reason; on the console a switch adds the hub's denials and failed transfers. */
export function RefusalChart({ session, fontSize, switchable = true }: { session: RunShown; fontSize?: number; switchable?: boolean }) {
  const all = useSignal(false);
  return (
    <div class="refusal-chart">
      {switchable && (
        <label class="chart-option">
          <input type="checkbox" name="include-denials" checked={all.value} onChange={(event) => (all.value = (event.target as HTMLInputElement).checked)} />
          {t('charts.includeDenials')}
        </label>
      )}
      <TimeSeriesChart key={all.value ? 'blocked' : 'refusals'} name="refusals" title={() => (all.value ? t('charts.blocked') : t('charts.refusals'))} session={session} series={all.value ? ALL_BLOCKED : OWNER_REFUSALS} kind="stackedBar" fontSize={fontSize} />
    </div>
  );
}

export function LeakChart({ session, fontSize }: { session: RunShown; fontSize?: number }) {
  return <TimeSeriesChart name="leaks" title={() => t('charts.leaks')} session={session} series={LEAKS} kind="bar" fontSize={fontSize} />;
}

export function QualityChart({ session, fontSize }: { session: RunShown; fontSize?: number }) {
  return <TimeSeriesChart name="quality" title={() => t('charts.quality')} session={session} series={QUALITY} kind="line" percent fontSize={fontSize} />;
}
