// A finished round as the debrief replays it: the same signals a live run session has (so the network and the charts
// draw it unchanged), set from the round's ticks up to the tick the facilitator has stepped to.
import { batch, computed, signal } from '@preact/signals';
import type { AppliedLever, ReplayedTick, RunView, RunWorld } from '../api/contracts';
import { MetricsHistory } from './metrics-history';
import type { LatestTick, RunShown } from './run-session';

export class ReplayedRun implements RunShown {
  readonly run: RunShown['run'];
  readonly world: RunShown['world'];
  readonly historyRevision = signal(0);
  readonly levers: RunShown['levers'];
  readonly latest = signal<LatestTick | null>(null);
  readonly ticksDone = computed(() => {
    void this.historyRevision.value;
    return this.history.lastTick + 1;
  });
  /** The tick shown (-1 before the first). */
  readonly tick = signal(-1);
  /** The metrics up to the tick shown (rebuilt on each seek: a replay goes backwards too). */
  private shown = new MetricsHistory();

  constructor(
    run: RunView,
    world: RunWorld,
    readonly ticks: readonly ReplayedTick[],
  ) {
    this.run = signal(run);
    this.world = signal(world);
    this.levers = signal<AppliedLever[]>(run.live?.levers ?? (run.manifest.levers as AppliedLever[] | undefined) ?? []);
  }

  get history(): MetricsHistory {
    return this.shown;
  }

  /** Shows the round as it stood when tick `tick` closed: its metrics so far and that tick's network. */
  seek(tick: number): void {
    const to = Math.max(-1, Math.min(tick, this.ticks.length - 1));
    batch(() => {
      this.shown = new MetricsHistory();
      for (const row of this.ticks.slice(0, to + 1)) this.shown.add(row.tick, row.metrics);
      this.tick.value = to;
      this.latest.value = to >= 0 ? { ...this.ticks[to], runId: this.run.value!.id, computeMs: 0, announcedAt: 0 } : null;
      this.historyRevision.value++;
    });
  }
}
