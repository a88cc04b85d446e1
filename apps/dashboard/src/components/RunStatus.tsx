// Where the run is: its scenario, the tick reached, its status and whether the page is receiving the stream.
import { t } from '../i18n/i18n';
import type { RunSession } from '../run/run-session';

export function RunStatus({ session }: { session: RunSession }) {
  const run = session.run.value;
  if (!run) return <p class="run-status">{session.error.value ?? t('app.loading')}</p>;
  const done = session.ticksDone.value;
  return (
    <p class="run-status" data-status={run.status} data-tick={done}>
      <strong class="scenario-name">{run.scenarioName}</strong>
      <span class="tick">{done > 0 ? t('run.tick', { tick: done, ticks: run.ticks }) : t('run.notStarted')}</span>
      <span class={`status status-${run.status}`}>{t(`run.status.${run.status}`)}</span>
      <span class={`connection connection-${session.connection.value}`}>{t(`connection.${session.connection.value}`)}</span>
    </p>
  );
}
