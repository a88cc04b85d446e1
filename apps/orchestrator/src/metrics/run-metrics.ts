// The orchestrator's Prometheus metrics (prom-client): what its runs did, counted from the run manager's events, and
// the Node process's own figures. One registry per orchestrator, so two in one process (tests) do not share counts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RunEvent, RunManager, RunState } from '@silolab/orchestration';

/** Exchange outcomes, each counted from the tick metric of the same name. */
const OUTCOMES = { shared: 'shared', refused: 'refused', denied: 'denied', failed_transfer: 'failedTransfers' } as const;
const REFUSAL_REASONS = ['unwilling', 'unable', 'afraid'] as const;
const STATES: RunState[] = ['running', 'paused', 'completed', 'failed'];

/** Builds the registry and keeps it current from `manager`'s events; `close()` unsubscribes. */
export function runMetrics(manager: RunManager): { registry: Registry; close: () => void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'silolab_orchestrator_' });
  const ticks = new Counter({ name: 'silolab_ticks_total', help: 'Ticks closed and stored by the runs of this orchestrator', registers: [registry] });
  const requests = new Counter({ name: 'silolab_exchange_requests_total', help: 'Data requests made by departments', registers: [registry] });
  const exchanges = new Counter({ name: 'silolab_exchanges_total', help: 'Exchange requests by outcome: shared, refused by the owner, denied by the hub, or failed in transfer', labelNames: ['outcome'], registers: [registry] });
  const refusals = new Counter({ name: 'silolab_refusals_total', help: 'Refusals by reason: unwilling (不愿), unable (不会), afraid (不敢)', labelNames: ['reason'], registers: [registry] });
  const denials = new Counter({ name: 'silolab_denials_total', help: 'Requests the hub denied, by rule', labelNames: ['rule'], registers: [registry] });
  const tickSeconds = new Histogram({ name: 'silolab_tick_duration_seconds', help: 'Time to simulate one tick (all its exchanges), as the orchestrator waits for it', buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const finished = new Counter({ name: 'silolab_runs_finished_total', help: 'Runs that ended, by status (completed or failed)', labelNames: ['status'], registers: [registry] });
  new Gauge({
    name: 'silolab_runs',
    help: 'Runs this orchestrator drives, by status',
    labelNames: ['status'],
    registers: [registry],
    collect() {
      const counts = manager.liveCounts();
      for (const status of STATES) this.set({ status }, counts[status]);
    },
  });
  for (const outcome of Object.keys(OUTCOMES)) exchanges.inc({ outcome }, 0);
  for (const reason of REFUSAL_REASONS) refusals.inc({ reason }, 0);

  const unsubscribe = manager.subscribe((event: RunEvent) => {
    if (event.type === 'status' && (event.status === 'completed' || event.status === 'failed')) finished.inc({ status: event.status });
    if (event.type !== 'tick') return;
    const metrics = event.metrics;
    ticks.inc();
    tickSeconds.observe(event.computeMs / 1000);
    requests.inc(metrics.requests ?? 0);
    for (const [outcome, key] of Object.entries(OUTCOMES)) exchanges.inc({ outcome }, metrics[key] ?? 0);
    for (const reason of REFUSAL_REASONS) refusals.inc({ reason }, metrics[`refusals.${reason}`] ?? 0);
    for (const [key, value] of Object.entries(metrics)) if (key.startsWith('denied.') && value > 0) denials.inc({ rule: key.slice('denied.'.length) }, value);
  });
  return { registry, close: unsubscribe };
}
