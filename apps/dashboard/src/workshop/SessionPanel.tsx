// The facilitator's workshop session on the console: open a session on the scenario chosen in the picker (with its
// copies and the time people have per tick); then the join code and its QR code, the seats of each copy (who is
// connected, who has answered this tick), the rounds (start, next — keeping the levers moved, a reform — and end),
// the leaderboard and the way to the debrief. Every change goes through the session routes with the facilitator's
// token, like every other write of the console.
import { useSignal } from '@preact/signals';
import type { AppliedLever, SessionStatus } from '../api/contracts';
import { orchestratorApi } from '../api/orchestrator-api';
import { IssueList } from '../components/IssueList';
import { picked } from '../components/ScenarioPicker';
import { t } from '../i18n/i18n';
import { navigate } from '../router';
import { hrefOf } from '../routes';
import { JoinQr } from './JoinQr';
import { Leaderboard } from './Leaderboard';

/** The lever values a round ended with (the last change of each path): what the next round keeps as its reform. */
export function reformOf(levers: readonly AppliedLever[]): Record<string, unknown> {
  return Object.fromEntries(new Map([...levers].sort((a, b) => a.fromTick - b.fromTick).map((lever) => [lever.path, lever.value])));
}

/** Opening a session: copies (teams) and seconds per tick, on the picker's scenario. */
export function OpenSession() {
  const copies = useSignal('1');
  const seconds = useSignal('20');
  const error = useSignal<unknown>(null);
  const busy = useSignal(false);
  async function open() {
    busy.value = true;
    error.value = null;
    try {
      const session = await orchestratorApi.openSession({ preset: picked.preset.value, seed: Number(picked.seed.value), ticks: Number(picked.ticks.value), copies: Number(copies.value), secondsPerTick: Number(seconds.value) });
      navigate({ page: 'console', run: null, session: session.code });
    } catch (failure) {
      error.value = failure;
    } finally {
      busy.value = false;
    }
  }
  return (
    <section class="panel session-open" aria-labelledby="session-open-title">
      <h2 id="session-open-title">{t('session.title')}</h2>
      <p class="hint">{t('session.openHint')}</p>
      <div class="row">
        <label>
          {t('session.copies')}
          <input name="copies" type="number" min={1} max={20} value={copies.value} onInput={(event) => (copies.value = (event.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('session.secondsPerTick')}
          <input name="seconds-per-tick" type="number" min={1} max={600} value={seconds.value} onInput={(event) => (seconds.value = (event.target as HTMLInputElement).value)} />
        </label>
      </div>
      <button type="button" class="primary" name="open-session" disabled={!picked.preset.value || busy.value} onClick={open}>
        {t('session.open')}
      </button>
      <IssueList error={error.value} />
    </section>
  );
}

/** An open session: code, QR, seats, rounds, leaderboard. `status` is polled by the console; `levers` are the shown run's. */
export function SessionPanel({ status, runId, levers, reload }: { status: SessionStatus; runId: string | null; levers: readonly AppliedLever[]; reload: () => Promise<void> }) {
  const error = useSignal<unknown>(null);
  const keepLevers = useSignal(true);
  const { code, rounds, seats, ended } = status;
  const copies = Math.max(1, ...seats.map((seat) => seat.copy + 1), rounds.at(-1)?.runIds.length ?? 1);

  async function act(action: () => Promise<unknown>) {
    error.value = null;
    try {
      await action();
      await reload();
    } catch (failure) {
      error.value = failure;
    }
  }
  const startRound = () =>
    act(async () => {
      const reform = rounds.length > 0 && keepLevers.value ? reformOf(levers) : {};
      const started = await orchestratorApi.startRound(code, Object.keys(reform).length > 0 ? reform : undefined);
      navigate({ page: 'console', run: started.runIds[0], session: code });
    });

  return (
    <section class="panel session-panel" data-session={code} data-ended={ended} aria-labelledby="session-title">
      <h2 id="session-title">{t('session.title')}</h2>
      <JoinQr code={code} size={180} />
      <table class="seats">
        <thead>
          <tr>
            <th>{t('session.team')}</th>
            <th>{t('session.seat')}</th>
            <th>{t('session.connected')}</th>
            <th>{t('session.answered')}</th>
          </tr>
        </thead>
        <tbody>
          {seats.map((seat) => (
            <tr key={`${seat.copy}/${seat.department}`} data-seat={seat.department} data-copy={seat.copy} data-connected={seat.connected} data-answered={`${seat.answered}/${seat.of}`}>
              <td>{seat.copy + 1}</td>
              <td>{seat.department}</td>
              <td class={seat.connected ? 'on' : 'off'}>{seat.connected ? '●' : '○'}</td>
              <td>{seat.of === 0 ? '–' : `${seat.answered}/${seat.of}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {seats.length === 0 && <p class="hint">{t('session.noSeats')}</p>}
      <div class="rounds">
        <p class="round-line" data-rounds={rounds.length}>
          {rounds.length === 0 ? t('session.noRound') : t('session.round', { round: rounds.length })}
        </p>
        {rounds.length > 0 && copies > 1 && (
          <p class="copies">
            {rounds.at(-1)!.runIds.map((id, copy) => (
              <a key={id} href={hrefOf({ page: 'console', run: id, session: code })} aria-current={id === runId} onClick={(event) => (event.preventDefault(), navigate({ page: 'console', run: id, session: code }))}>
                {t('session.teamLink', { team: copy + 1 })}
              </a>
            ))}
          </p>
        )}
        {rounds.length > 0 && (
          <label class="keep-levers">
            <input type="checkbox" name="keep-levers" checked={keepLevers.value} onChange={(event) => (keepLevers.value = (event.target as HTMLInputElement).checked)} />
            {t('session.keepLevers')}
          </label>
        )}
        <div class="buttons">
          <button type="button" class="primary" name="start-round" disabled={ended} onClick={startRound}>
            {rounds.length === 0 ? t('session.startRound') : t('session.nextRound', { round: rounds.length + 1 })}
          </button>
          <button type="button" name="end-session" disabled={ended} onClick={() => window.confirm(t('session.confirmEnd')) && act(() => orchestratorApi.endSession(code))}>
            {ended ? t('session.ended') : t('session.end')}
          </button>
        </div>
        {rounds.length > 0 && (
          <a class="debrief-link" href={hrefOf({ page: 'debrief', code })}>
            {t('session.debrief')}
          </a>
        )}
      </div>
      <IssueList error={error.value} />
      <Leaderboard code={code} hasRound={rounds.length > 0} limit={10} />
    </section>
  );
}
