// The projector (observer) view (`/view/<run>`): the run as a room sees it from the back — no controls, large type,
// high contrast. Needs no token: it only reads.
import { t } from '../i18n/i18n';
import { useRunSession } from '../run/use-run-session';
import { EventFeed } from '../components/EventFeed';
import { KeyFigures } from '../components/KeyFigures';
import { NetworkView } from '../components/NetworkView';
import { PageHeader } from '../components/PageHeader';
import { RefusalChart, SharingChart } from '../components/RunCharts';
import { RunStatus } from '../components/RunStatus';
import { JoinQr } from '../workshop/JoinQr';
import { Leaderboard } from '../workshop/Leaderboard';

/** Chart text on the projector, in pixels. */
const PROJECTOR_FONT = 20;

export function ProjectorPage({ runId, sessionCode }: { runId: string; sessionCode?: string }) {
  const session = useRunSession(runId)!;
  return (
    <div class="page projector">
      <PageHeader title={t('app.projector')} />
      {sessionCode && (
        <div class="projector-session">
          <JoinQr code={sessionCode} size={220} />
          <Leaderboard code={sessionCode} hasRound limit={8} />
        </div>
      )}
      <RunStatus session={session} />
      <KeyFigures session={session} />
      <div class="projector-layout">
        <NetworkView session={session} projector />
        <div class="projector-charts">
          <SharingChart session={session} fontSize={PROJECTOR_FONT} />
          <RefusalChart session={session} fontSize={PROJECTOR_FONT} switchable={false} />
        </div>
        <EventFeed session={session} limit={8} />
      </div>
    </div>
  );
}
