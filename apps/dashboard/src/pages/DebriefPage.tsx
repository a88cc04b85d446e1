// `/debrief/<code>`: after a round, the session's rounds and copies side by side — sharing rate, silo index,
// refusals by reason (不愿/不会/不敢), service completion — with the moments that mattered (the first silo, leaks and
// who was blamed, lever changes, the biggest swings), and a round replayed tick by tick: the network and the charts
// as they stood at the tick chosen. Every round is replayed on the server from its export, so the debrief shows what
// `silolab run` of the exported session gives.
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { DebriefMoment, SessionDebrief } from '../api/contracts';
import { orchestratorApi } from '../api/orchestrator-api';
import { IssueList } from '../components/IssueList';
import { NetworkView } from '../components/NetworkView';
import { PageHeader } from '../components/PageHeader';
import { RefusalChart, SharingChart } from '../components/RunCharts';
import { KeyFigures } from '../components/KeyFigures';
import { bilingualText, t } from '../i18n/i18n';
import { hrefOf } from '../routes';
import { leverLabel } from '../run/lever-label';
import { ReplayedRun } from '../run/replayed-run';
import { CompareLines, CompareRefusals, type ComparedCopy } from '../workshop/CompareChart';
import { usePolled } from '../workshop/use-polled';

/** The debrief is re-read while a round may still be running. */
const REFRESH_MS = 5000;

const percent = (value: number) => `${Math.round(value * 100)}%`;
const labelOf = (round: number, copy: number, copies: number) => (copies > 1 ? t('debrief.roundTeam', { round: round + 1, team: copy + 1 }) : t('debrief.roundOnly', { round: round + 1 }));

export function DebriefPage({ code }: { code: string }) {
  const { value, error } = usePolled<SessionDebrief>(() => orchestratorApi.debrief(code), REFRESH_MS, [code]);
  const debrief = value.value;
  const compared = useMemo<ComparedCopy[]>(() => (debrief ? debrief.rounds.flatMap(({ round, copies }) => copies.map((copy) => ({ label: labelOf(round, copy.copy, copies.length), copy, round }))) : []), [debrief]);
  return (
    <div class="page debrief">
      <PageHeader title={t('debrief.title', { code })}>
        <a href={hrefOf({ page: 'console', run: null, session: code })}>{t('debrief.backToSession')}</a>
      </PageHeader>
      {!debrief && (error.value ? <IssueList error={error.value} /> : <p>{t('app.loading')}</p>)}
      {debrief && debrief.rounds.length === 0 && <p>{t('debrief.noRounds')}</p>}
      {debrief && debrief.rounds.length > 0 && (
        <main>
          <ComparisonTable compared={compared} />
          <div class="chart-grid">
            <CompareLines name="debrief-sharing" title={t('charts.sharingRate')} metric="sharingRate" compared={compared} />
            <CompareLines name="debrief-silo" title={t('charts.siloIndex')} metric="siloIndex" compared={compared} />
            <CompareLines name="debrief-service" title={t('charts.serviceCompletion')} metric="serviceCompletion" compared={compared} />
            <CompareRefusals compared={compared} />
          </div>
          <Timelines compared={compared} />
          <Replay code={code} debrief={debrief} />
        </main>
      )}
    </div>
  );
}

function ComparisonTable({ compared }: { compared: readonly ComparedCopy[] }) {
  const rows: Array<{ key: string; label: string; value: (copy: ComparedCopy['copy']) => string }> = [
    { key: 'sharingRate', label: t('debrief.meanSharingRate'), value: (copy) => percent(copy.totals.meanSharingRate) },
    { key: 'siloIndex', label: t('debrief.finalSiloIndex'), value: (copy) => percent(copy.totals.finalSiloIndex) },
    { key: 'serviceCompletion', label: t('debrief.finalServiceCompletion'), value: (copy) => percent(copy.totals.finalServiceCompletion) },
    ...(['unwilling', 'unable', 'afraid'] as const).map((reason) => ({ key: `refusals.${reason}`, label: bilingualText(reason), value: (copy: ComparedCopy['copy']) => String(copy.totals.refusals[reason]) })),
    { key: 'leaks', label: t('charts.leaks'), value: (copy) => String(copy.totals.leaks) },
    { key: 'ticks', label: t('debrief.ticks'), value: (copy) => `${copy.ticksDone}/${copy.ticks}` },
    { key: 'digest', label: t('debrief.replayed'), value: (copy) => (copy.digest === null ? '–' : copy.replayDigest === copy.digest ? t('debrief.sameDigest') : t('debrief.otherDigest')) },
  ];
  return (
    <table class="debrief-compare">
      <thead>
        <tr>
          <th />
          {compared.map(({ label, copy }, i) => (
            <th key={i} data-run={copy.runId}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-metric={row.key}>
            <th>{row.label}</th>
            {compared.map(({ copy }, i) => (
              <td key={i}>{row.value(copy)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Timelines({ compared }: { compared: readonly ComparedCopy[] }) {
  return (
    <section class="panel timelines" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('debrief.timeline')}</h2>
      <div class="timeline-columns">
        {compared.map(({ label, copy }, i) => (
          <div key={i} class="timeline" data-run={copy.runId}>
            <h3>{label}</h3>
            {copy.timeline.length === 0 && <p class="hint">{t('debrief.quiet')}</p>}
            <ol>
              {copy.timeline.map((moment, k) => (
                <li key={k} data-kind={moment.kind} data-tick={moment.tick}>
                  <span class="tick">{t('feed.tick', { tick: moment.tick })}</span> {momentText(moment)}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
}

function momentText(moment: DebriefMoment): string {
  switch (moment.kind) {
    case 'firstSilo':
      return t('debrief.firstSilo', { silos: moment.silos });
    case 'leak':
      return t(moment.detected ? (moment.identified ? 'debrief.leakBlamed' : 'debrief.leakOwnerBlamed') : 'debrief.leakUnseen', { holder: moment.holder, owner: moment.owner, dataset: moment.dataset, ownerPenalty: moment.ownerPenalty, holderPenalty: moment.holderPenalty });
    case 'lever':
      return t('debrief.lever', { lever: leverLabel(moment) });
    case 'reform':
      return t('debrief.reform', { lever: leverLabel(moment) });
    case 'swing':
      return t(moment.to > moment.from ? 'debrief.swingUp' : 'debrief.swingDown', { from: percent(moment.from), to: percent(moment.to) });
  }
}

/** A round and copy replayed tick by tick: a slider and step buttons over its ticks; network and charts follow. */
function Replay({ code, debrief }: { code: string; debrief: SessionDebrief }) {
  const chosen = useSignal<{ round: number; copy: number }>({ round: debrief.rounds.length - 1, copy: 0 });
  const replay = useSignal<ReplayedRun | null>(null);
  const error = useSignal<unknown>(null);
  const { round, copy } = chosen.value;
  const runId = debrief.rounds[round]?.copies[copy]?.runId;

  useEffect(() => {
    if (!runId) return;
    let current = true;
    replay.value = null;
    Promise.all([orchestratorApi.roundTicks(code, round, copy), orchestratorApi.run(runId), orchestratorApi.world(runId)]).then(
      ([{ ticks }, run, world]) => {
        if (!current) return;
        const replayed = new ReplayedRun(run, world, ticks);
        replayed.seek(ticks.length - 1);
        replay.value = replayed;
      },
      (failure: unknown) => (error.value = failure),
    );
    return () => {
      current = false;
    };
  }, [code, runId]);

  const shown = replay.value;
  const last = (shown?.ticks.length ?? 0) - 1;
  const at = shown?.tick.value ?? -1;
  return (
    <section class="panel replay" aria-labelledby="replay-title">
      <h2 id="replay-title">{t('debrief.replay')}</h2>
      <div class="replay-choice" role="group">
        {debrief.rounds.flatMap((r) =>
          r.copies.map((c) => (
            <button key={`${r.round}/${c.copy}`} type="button" name={`replay-${r.round}-${c.copy}`} aria-pressed={r.round === round && c.copy === copy} onClick={() => (chosen.value = { round: r.round, copy: c.copy })}>
              {labelOf(r.round, c.copy, r.copies.length)}
            </button>
          )),
        )}
      </div>
      <IssueList error={error.value} />
      {shown && (
        <>
          <div class="replay-controls">
            <button type="button" name="replay-back" disabled={at <= 0} onClick={() => shown.seek(at - 1)}>
              ◀
            </button>
            <input type="range" name="replay-tick" min={0} max={Math.max(0, last)} step={1} value={at} onInput={(event) => shown.seek(Number((event.target as HTMLInputElement).value))} />
            <button type="button" name="replay-forward" disabled={at >= last} onClick={() => shown.seek(at + 1)}>
              ▶
            </button>
            <output class="replay-at" data-tick={at}>
              {t('debrief.atTick', { tick: at, last })}
            </output>
          </div>
          <KeyFigures session={shown} />
          <div class="replay-view">
            <NetworkView key={`${round}/${copy}`} session={shown} />
            <div class="chart-grid">
              <SharingChart session={shown} />
              <RefusalChart session={shown} switchable={false} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
