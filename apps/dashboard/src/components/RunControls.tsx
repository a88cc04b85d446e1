// Play, pause, step, speed, reset and stop for the run on screen. Every command is queued between ticks by the
// server; the buttons follow the run's status as the stream reports it.
import { useSignal } from '@preact/signals';
import { orchestratorApi } from '../api/orchestrator-api';
import { t } from '../i18n/i18n';
import { navigate } from '../router';
import { resetRequest } from '../run/reset-request';
import type { RunSession } from '../run/run-session';
import { IssueList } from './IssueList';

/** Speeds offered, in ticks per second; 0 = as fast as the server can. */
export const SPEEDS = [0.5, 1, 2, 5, 10, 0] as const;

export function RunControls({ session }: { session: RunSession }) {
  const error = useSignal<unknown>(null);
  const run = session.run.value;
  const status = run?.status;
  const live = status === 'running' || status === 'paused';
  const pace = run?.live?.ticksPerSecond ?? 2;

  async function command(action: () => Promise<unknown>) {
    error.value = null;
    try {
      await action();
      await session.sync();
    } catch (failure) {
      error.value = failure;
    }
  }

  return (
    <section class="panel run-controls" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('controls.title')}</h2>
      <div class="buttons">
        {status === 'running' ? (
          <button type="button" name="pause" onClick={() => command(() => orchestratorApi.pause(session.runId))}>
            {t('controls.pause')}
          </button>
        ) : (
          <button type="button" class="primary" name="play" disabled={status !== 'paused'} onClick={() => command(() => orchestratorApi.resume(session.runId))}>
            {t('controls.play')}
          </button>
        )}
        <button type="button" name="step" disabled={status !== 'paused'} onClick={() => command(() => orchestratorApi.step(session.runId))}>
          {t('controls.step')}
        </button>
        <button
          type="button"
          name="reset"
          disabled={!run}
          onClick={() =>
            (!live || window.confirm(t('controls.confirmReset'))) &&
            command(async () => {
              if (live) await orchestratorApi.stop(session.runId);
              const next = await orchestratorApi.start(resetRequest(run!));
              navigate({ page: 'console', run: next.id });
            })
          }
        >
          {t('controls.reset')}
        </button>
        <button type="button" name="stop" disabled={!live} onClick={() => window.confirm(t('controls.confirmStop')) && command(() => orchestratorApi.stop(session.runId))}>
          {t('controls.stop')}
        </button>
      </div>
      <label>
        {t('controls.speed')}
        <select name="speed" disabled={!live} value={String(pace)} onChange={(event) => command(() => orchestratorApi.pace(session.runId, Number((event.target as HTMLSelectElement).value)))}>
          {SPEEDS.map((speed) => (
            <option key={speed} value={String(speed)}>
              {speed === 0 ? t('controls.fastest') : t('controls.ticksPerSecond', { value: speed })}
            </option>
          ))}
        </select>
      </label>
      <IssueList error={error.value} />
    </section>
  );
}
