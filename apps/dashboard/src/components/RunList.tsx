// The runs this orchestrator has stored, newest first, to show one in the console; re-read every few seconds so
// their statuses stay current.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { RunView } from '../api/contracts';
import { orchestratorApi } from '../api/orchestrator-api';
import { t } from '../i18n/i18n';
import { navigate } from '../router';
import { hrefOf } from '../routes';

const REFRESH_MS = 5000;

export function RunList() {
  const runs = useSignal<RunView[] | null>(null);
  useEffect(() => {
    const load = () => orchestratorApi.runs({ limit: 20 }).then((list) => (runs.value = list), () => (runs.value ??= []));
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <section class="panel run-list">
      <h2>{t('picker.runs')}</h2>
      {runs.value?.length === 0 && <p class="hint">{t('picker.noRuns')}</p>}
      <ul>
        {runs.value?.map((run) => (
          <li key={run.id}>
            <a
              href={hrefOf({ page: 'console', run: run.id })}
              onClick={(event) => {
                event.preventDefault();
                navigate({ page: 'console', run: run.id });
              }}
            >
              {run.scenarioName}
            </a>{' '}
            <span class={`status status-${run.status}`}>{t(`run.status.${run.status}`)}</span> <span class="hint">{run.createdAt.replace('T', ' ').slice(0, 16)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
