// The policy levers as sliders and selects. A change is sent when the slider is released (or the choice made); the
// server applies it from the next tick, and the stream's lever event marks it on every chart.
import { useSignal } from '@preact/signals';
import { orchestratorApi } from '../api/orchestrator-api';
import { t } from '../i18n/i18n';
import { formatLeverValue, LEVERS, leverValueAt, type ChoiceLever, type SliderLever } from '../run/levers';
import type { RunSession } from '../run/run-session';
import { IssueList } from './IssueList';
import { Term } from './Term';

/** `runIds`: the runs a change goes to (a workshop round's copies); the run shown by default. */
export function LeverPanel({ session, runIds }: { session: RunSession; runIds?: readonly string[] }) {
  const error = useSignal<unknown>(null);
  const run = session.run.value;
  const live = run?.status === 'running' || run?.status === 'paused';
  const scenario = run?.manifest.definition as Record<string, unknown> | undefined;
  // The value each lever has for the next tick: the scenario, its interventions and the levers so far.
  const nextTick = session.ticksDone.value;
  const levers = session.levers.value;

  async function change(path: string, value: unknown) {
    error.value = null;
    try {
      for (const id of runIds ?? [session.runId]) await orchestratorApi.lever(id, path, value);
    } catch (failure) {
      error.value = failure;
    }
  }

  return (
    <section class="panel lever-panel" aria-labelledby="levers-title">
      <h2 id="levers-title">{t('levers.title')}</h2>
      <p class="hint">{t('levers.hint')}</p>
      {LEVERS.map((lever) => {
        const value = leverValueAt(scenario, levers, lever.path, nextTick);
        return lever.kind === 'slider' ? (
          <Slider key={lever.path} lever={lever} value={typeof value === 'number' ? value : lever.min} disabled={!live} onChange={(next) => change(lever.path, next)} />
        ) : (
          <Choice key={lever.path} lever={lever} value={String(value)} disabled={!live} onChange={(next) => change(lever.path, next)} />
        );
      })}
      <IssueList error={error.value} />
    </section>
  );
}

function Slider({ lever, value, disabled, onChange }: { lever: SliderLever; value: number; disabled: boolean; onChange(value: number): void }) {
  const draft = useSignal<number | null>(null);
  const shown = draft.value ?? value;
  return (
    <label class="lever" data-lever={lever.path} title={t(`levers.${lever.help}`)}>
      <span class="lever-name">
        {t(`levers.${lever.label}`)} <output>{formatLeverValue(lever, shown)}</output>
      </span>
      <input
        type="range"
        name={lever.path}
        min={lever.min}
        max={lever.max}
        step={lever.step}
        value={shown}
        disabled={disabled}
        onInput={(event) => (draft.value = Number((event.target as HTMLInputElement).value))}
        onChange={(event) => {
          const next = Number((event.target as HTMLInputElement).value);
          draft.value = null;
          if (next !== value) onChange(next);
        }}
      />
      <span class="hint">{t(`levers.${lever.help}`)}</span>
    </label>
  );
}

function Choice({ lever, value, disabled, onChange }: { lever: ChoiceLever; value: string; disabled: boolean; onChange(value: string): void }) {
  return (
    <fieldset class="lever choice" data-lever={lever.path} disabled={disabled}>
      <legend>{t(`levers.${lever.label}`)}</legend>
      {lever.options.map((option) => (
        <label key={option}>
          <input type="radio" name={lever.path} value={option} checked={value === option} onChange={() => onChange(option)} />
          <Term term={option} />
        </label>
      ))}
      <span class="hint">{t(`levers.${lever.help}`)}</span>
    </fieldset>
  );
}
