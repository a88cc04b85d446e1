// The sharing network, live: departments coloured by system (条), grouped by system or by region (块), ties of the
// metrics window drawn by flow, detected silos shaded; hovering a department shows its numbers.
import { effect, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { inspectHandle } from '../inspect';
import type { Grouping } from '../network/layout';
import { NetworkRenderer } from '../network/network-renderer';
import type { RunShown } from '../run/run-session';
import { DepartmentPanel } from './DepartmentPanel';

export function NetworkView({ session, projector = false }: { session: RunShown; projector?: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<NetworkRenderer | null>(null);
  const grouping = useSignal<Grouping>('system');
  const hovered = useSignal<number | null>(null);
  const world = session.world.value;

  useEffect(() => {
    if (!world || !container.current) return;
    const current = new NetworkRenderer(container.current, world, grouping.peek(), {
      onHover: (index) => (hovered.value = index),
      allLabels: projector ? world.departments.length <= 40 : world.departments.length <= 60,
      labelSize: projector ? 18 : 13,
    });
    renderer.current = current;
    inspectHandle.network = current;
    const stop = effect(() => {
      const latest = session.latest.value;
      if (latest) current.update(latest);
    });
    return () => {
      stop();
      current.kill();
      renderer.current = null;
      inspectHandle.network = null;
    };
  }, [world, session, projector]);

  useEffect(() => effect(() => renderer.current?.group(grouping.value)), [world]);

  const windowTicks = (session.run.value?.manifest.definition as { metrics?: { window?: number } } | undefined)?.metrics?.window ?? 30;
  return (
    <section class="panel network" aria-labelledby="network-title">
      <header>
        <h2 id="network-title">{t('network.title')}</h2>
        {!projector && (
          <div class="grouping" role="group">
            {(['system', 'region'] as const).map((value) => (
              <button type="button" key={value} name={`group-${value}`} aria-pressed={grouping.value === value} onClick={() => (grouping.value = value)}>
                {value === 'system' ? t('network.groupBySystem') : t('network.groupByRegion')}
              </button>
            ))}
          </div>
        )}
      </header>
      <div class="network-stage">
        <div class="sigma-container" ref={container} />
        {!session.latest.value && <p class="network-waiting">{t('network.waiting')}</p>}
      </div>
      {hovered.value !== null && world && <DepartmentPanel session={session} index={hovered.value} />}
      <p class="hint legend">{t('network.legend', { window: windowTicks })}</p>
    </section>
  );
}
