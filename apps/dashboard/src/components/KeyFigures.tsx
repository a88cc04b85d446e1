// The last tick's headline numbers, large: sharing rate, silo index and the four social-quality indices.
import { t } from '../i18n/i18n';
import type { RunShown } from '../run/run-session';

const FIGURES = [
  { metric: 'sharingRate', label: () => t('charts.sharingRate') },
  { metric: 'siloIndex', label: () => t('charts.siloIndex') },
  { metric: 'socialQuality.security', label: () => t('quality.security') },
  { metric: 'socialQuality.cohesion', label: () => t('quality.cohesion') },
  { metric: 'socialQuality.trust', label: () => t('quality.trust') },
  { metric: 'socialQuality.empowerment', label: () => t('quality.empowerment') },
];

export function KeyFigures({ session }: { session: RunShown }) {
  void session.historyRevision.value;
  const last = session.history.rows.at(-1)?.metrics;
  return (
    <dl class="key-figures">
      {FIGURES.map(({ metric, label }) => (
        <div key={metric} data-metric={metric}>
          <dt>{label()}</dt>
          <dd>{last?.[metric] === undefined ? '–' : `${Math.round(last[metric] * 100)}%`}</dd>
        </div>
      ))}
    </dl>
  );
}
