// The facilitator console (`/`, `/?run=<id>`): choose and control a run, pull the levers, and watch the network,
// the charts and the event feed. Without a run, it offers the presets, an upload and the stored runs.
import { t } from '../i18n/i18n';
import { hrefOf } from '../routes';
import { useRunSession } from '../run/use-run-session';
import { IssueList } from '../components/IssueList';
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
import type { SessionStatus } from '../api/contracts';
import { orchestratorApi } from '../api/orchestrator-api';
import { OpenSession, SessionPanel } from '../workshop/SessionPanel';
import { usePolled } from '../workshop/use-polled';

/** How often the console re-reads its session's seats and rounds. */
const SESSION_REFRESH_MS = 1000;

export function ConsolePage({ runId, sessionCode }: { runId: string | null; sessionCode?: string }) {
  const session = useRunSession(runId);
  const workshop = usePolled<SessionStatus>(sessionCode ? () => orchestratorApi.session(sessionCode) : null, SESSION_REFRESH_MS, [sessionCode]);
  const status = workshop.value.value;
  // A lever moved on a run of the session's current round is moved on every copy of it (teams play the same rules).
  const roundRuns = status?.rounds.at(-1)?.runIds;
  const leverRuns = runId && roundRuns?.includes(runId) ? roundRuns : undefined;
  return (
    <div class="page console">
      <PageHeader title={t('app.console')}>
        {runId && (
          <a class="projector-link" href={hrefOf({ page: 'projector', run: runId, ...(sessionCode ? { session: sessionCode } : {}) })} target="_blank" rel="noopener">
            {t('app.openProjector')}
          </a>
        )}
      </PageHeader>
      <div class="console-layout">
        <aside class="console-side">
          {sessionCode ? status && <SessionPanel status={status} runId={runId} levers={session?.levers.value ?? []} reload={workshop.reload} /> : <ScenarioPicker />}
          {sessionCode && !status && <IssueList error={workshop.error.value} />}
          {!sessionCode && <OpenSession />}
          {session && <RunControls session={session} />}
          {session && <LeverPanel session={session} runIds={leverRuns} />}
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
