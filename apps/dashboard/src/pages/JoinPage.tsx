// `/join/<code>`: a participant's phone. Takes a seat in the session (the seat token is remembered in this browser,
// so a reload or a reconnect gives the same seat back), then shows the open tick's requests to that seat with their
// context, and sends share or refuse (unwilling 不愿 / unable 不会 / afraid 不敢) before the timer runs out.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError, request } from '../api/api-client';
import { PageHeader } from '../components/PageHeader';
import { t } from '../i18n/i18n';
import type { OwnScore } from '../api/contracts';
import { usePolled } from '../workshop/use-polled';

interface SeatRequest {
  id: string;
  requester: string;
  requesterSystem: string;
  dataset: string;
  shareType: 'unconditional' | 'conditional' | 'notShareable';
  personal: boolean;
  purpose: string;
  pointsOnOffer: number;
  liabilityRegime: 'owner' | 'holder' | 'attributed';
  needsMapping: boolean;
  perceivedRisk: number;
  points: number;
}
interface SeatBinding {
  copy: number;
  department: string;
}
interface SeatView {
  tick: number | null;
  requests: SeatRequest[];
  answered: string[];
  msLeft: number;
  seat: SeatBinding;
}

const REASONS = ['unwilling', 'unable', 'afraid'] as const;
const POLL_MS = 700;
const SCORE_POLL_MS = 2000;
const tokenKey = (code: string) => `silolab.seat.${code.toUpperCase()}`;

export function JoinPage({ code }: { code: string }) {
  const token = useSignal<string | null>(null);
  const view = useSignal<SeatView | null>(null);
  const failure = useSignal<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const held = localStorage.getItem(tokenKey(code));
    request<{ token: string; seat: SeatBinding }>('POST', `/api/join/${encodeURIComponent(code)}`, undefined, held).then(
      (joined) => {
        localStorage.setItem(tokenKey(code), joined.token);
        token.value = joined.token;
      },
      (error: unknown) => (failure.value = (error as Error).message),
    );
    const poll = async () => {
      if (stopped) return;
      if (token.value) {
        try {
          view.value = await request<SeatView>('GET', '/api/seat', undefined, token.value);
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) localStorage.removeItem(tokenKey(code));
        }
      }
      setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [code]);

  const own = usePolled<OwnScore>(token.value ? () => request<OwnScore>('GET', '/api/seat/score', undefined, token.value) : null, SCORE_POLL_MS, [token.value]).value.value;

  const decide = async (id: string, answer: { decision: 'share' } | { decision: 'refuse'; reason: string }) => {
    await request('POST', '/api/seat/decisions', { request: id, ...answer }, token.value).catch(() => undefined);
    view.value = await request<SeatView>('GET', '/api/seat', undefined, token.value);
  };

  const current = view.value;
  return (
    <div class="page join phone">
      <PageHeader title={t('join.title')} />
      <main>
        {failure.value && <p class="error">{t('join.failed', { message: failure.value })}</p>}
        {!current && !failure.value && <p>{t('join.joining', { code })}</p>}
        {current && (
          <>
            <p class="seat" data-seat={current.seat.department}>
              {t('join.seat', { department: current.seat.department, copy: current.seat.copy + 1 })}
            </p>
            {own?.score && (
              <p class="own-rank" data-rank={own.score.rank} data-score={own.score.score}>
                {t('join.rank', { round: own.round! + 1, rank: own.score.rank, of: own.seats, score: own.score.score })}
              </p>
            )}
            {current.requests.length === 0 ? (
              <p class="waiting">{t('join.waiting')}</p>
            ) : (
              <p class="time-left">{t('join.timeLeft', { seconds: Math.ceil(current.msLeft / 1000) })}</p>
            )}
            <ul class="seat-requests">
              {current.requests.map((r) => {
                const done = current.answered.includes(r.id);
                return (
                  <li key={r.id} class={done ? 'request answered' : 'request'} data-request={r.id}>
                    <div class="from">{t('join.from', { requester: r.requester, system: r.requesterSystem })}</div>
                    <div>
                      {t('join.dataset', { dataset: r.dataset })} · {t(`terms.${r.shareType}`)} · {r.personal ? t('join.personal') : t('join.notPersonal')}
                      {r.needsMapping && <> · {t('join.mapping')}</>}
                    </div>
                    <div>{t('join.purpose', { purpose: r.purpose })}</div>
                    <div>
                      {t('join.offer', { points: r.pointsOnOffer })} · {t('join.liability', { regime: t(`terms.${r.liabilityRegime}`) })}
                    </div>
                    <div class="own">{t('join.yourRisk', { risk: r.perceivedRisk.toFixed(2), points: r.points.toFixed(1) })}</div>
                    {done ? (
                      <div class="done">{t('join.answered')}</div>
                    ) : (
                      <div class="answers">
                        <button class="share" onClick={() => void decide(r.id, { decision: 'share' })}>
                          {t('join.share')}
                        </button>
                        <span>{t('join.refuse')}</span>
                        {REASONS.map((reason) => (
                          <button class={`refuse ${reason}`} onClick={() => void decide(r.id, { decision: 'refuse', reason })}>
                            {t(`terms.${reason}`)}
                          </button>
                        ))}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </main>
    </div>
  );
}
