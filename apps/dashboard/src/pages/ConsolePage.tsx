// The facilitator console (`/`, `/?run=<id>`): choose and control a run, pull the levers, and watch the network,
// the charts and the event feed. Without a run, it offers the presets, an upload and the stored runs.
import { t } from '../i18n/i18n';
import { hrefOf } from '../routes';
import { useRunSession } from '../run/use-run-session';
import { EventFeed } from '../components/EventFeed';
import { KeyFigures } from '../components/KeyFigures';
import { LeverPanel } from '../components/LeverPanel';
import { NetworkView } from '../components/NetworkView';
import { PageHeader } from '../components/PageHeader';
import { LeakChart, QualityChart, RefusalChart, SharingChart } from '../components/RunCharts';
import { RunControls } from '../components/RunControls';
import { RunList } from '../components/RunList';
import { RunStatus } from '../components/RunStatus';
import { ScenarioPicker } from '../components/ScenarioPicker';

export function ConsolePage({ runId }: { runId: string | null }) {
  const session = useRunSession(runId);
  return (
    <div class="page console">
      <PageHeader title={t('app.console')}>
        {runId && (
          <a class="projector-link" href={hrefOf({ page: 'projector', run: runId })} target="_blank" rel="noopener">
            {t('app.openProjector')}
          </a>
        )}
      </PageHeader>
      <div class="console-layout">
        <aside class="console-side">
          <ScenarioPicker />
          {session && <RunControls session={session} />}
          {session && <LeverPanel session={session} />}
          <RunList key={runId ?? ''} />
        </aside>
        {session ? (
          <main class="console-main">
            <RunStatus session={session} />
            <KeyFigures session={session} />
            <div class="console-view">
              <NetworkView session={session} />
              <EventFeed session={session} />
            </div>
            <div class="chart-grid">
              <SharingChart session={session} />
              <RefusalChart session={session} />
              <LeakChart session={session} />
              <QualityChart session={session} />
            </div>
          </main>
        ) : (
          <main class="console-main empty">
            <p>{t('run.noRun')}</p>
          </main>
        )}
      </div>
    </div>
  );
}
