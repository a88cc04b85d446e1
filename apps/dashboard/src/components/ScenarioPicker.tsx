// Choosing what to run: a preset (GET /api/scenarios) with its seed and length, or an uploaded YAML scenario that the
// server validates with the CLI's own loader (a bad file is answered with every bad key's path).
import { signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { PresetInfo, StartRunRequest } from '../api/contracts';
import { orchestratorApi } from '../api/orchestrator-api';
import { t } from '../i18n/i18n';
import { navigate } from '../router';
import { IssueList } from './IssueList';

/** Pace of a new run: slow enough for a room to follow (the speed control changes it). */
export const START_TICKS_PER_SECOND = 2;

/** The preset, seed and length chosen in the picker (a workshop session opens on them too). */
export const picked = { preset: signal(''), seed: signal(''), ticks: signal('') };

export function ScenarioPicker() {
  const presets = useSignal<PresetInfo[]>([]);
  const { preset: chosen, seed, ticks } = picked;
  const file = useSignal<{ name: string; text: string } | null>(null);
  const error = useSignal<{ error: unknown; file: boolean } | null>(null);
  const busy = useSignal(false);

  useEffect(() => {
    orchestratorApi.presets().then(
      (list) => {
        presets.value = list;
        const first = list.find((preset) => preset.name === 'workshop-small') ?? list[0];
        if (first) choose(first);
      },
      (failure: unknown) => (error.value = { error: failure, file: false }),
    );
  }, []);

  function choose(preset: PresetInfo) {
    chosen.value = preset.name;
    seed.value = String(preset.seed);
    ticks.value = String(preset.ticks);
  }

  async function start(body: StartRunRequest, fromFile: boolean) {
    busy.value = true;
    error.value = null;
    try {
      const run = await orchestratorApi.start({ ...body, ticksPerSecond: START_TICKS_PER_SECOND });
      navigate({ page: 'console', run: run.id });
    } catch (failure) {
      error.value = { error: failure, file: fromFile };
    } finally {
      busy.value = false;
    }
  }

  const preset = presets.value.find((candidate) => candidate.name === chosen.value);
  const numbers = { seed: Number(seed.value), ticks: Number(ticks.value) };

  return (
    <section class="panel scenario-picker" aria-labelledby="picker-title">
      <h2 id="picker-title">{t('picker.title')}</h2>
      <label>
        {t('picker.preset')}
        <select name="preset" value={chosen.value} onChange={(event) => choose(presets.value.find((p) => p.name === (event.target as HTMLSelectElement).value)!)}>
          {presets.value.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {preset && (
        <p class="hint">
          {preset.description} · {t('picker.departments', { count: preset.departments })}
        </p>
      )}
      <div class="row">
        <label>
          {t('picker.seed')}
          <input name="seed" type="number" min={0} value={seed.value} onInput={(event) => (seed.value = (event.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('picker.ticksToRun')}
          <input name="ticks" type="number" min={1} value={ticks.value} onInput={(event) => (ticks.value = (event.target as HTMLInputElement).value)} />
        </label>
      </div>
      <button type="button" class="primary" name="start" disabled={!preset || busy.value} onClick={() => start({ preset: chosen.value, seed: numbers.seed, ticks: numbers.ticks }, false)}>
        {t('picker.start')}
      </button>
      <label class="upload">
        {t('picker.upload')}
        <input
          name="scenario-file"
          type="file"
          accept=".yaml,.yml,.json,text/yaml,application/json"
          onChange={async (event) => {
            const picked = (event.target as HTMLInputElement).files?.[0];
            file.value = picked ? { name: picked.name, text: await picked.text() } : null;
            error.value = null;
          }}
        />
      </label>
      <button type="button" name="start-file" disabled={!file.value || busy.value} onClick={() => file.value && start({ scenario: file.value.text }, true)}>
        {t('picker.startUpload')}
      </button>
      {error.value && <IssueList error={error.value.error} scenarioFile={error.value.file} />}
    </section>
  );
}
