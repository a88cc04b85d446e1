// One run as a page follows it: the stored run, its world, its metrics history, its levers, the latest tick (for
// the network) and the event feed, as signals. History comes from the API, new ticks from the stream; after a
// reconnection the stored metrics fill whatever the stream missed.
import { batch, computed, signal } from '@preact/signals';
import { ApiError } from '../api/api-client';
import type { AppliedLever, RunView, RunWorld, StreamMessage, TickEvent } from '../api/contracts';
import { orchestratorApi } from '../api/orchestrator-api';
import { StreamClient, streamUrl, type StreamState } from '../api/stream-client';
import { tickApplied, tickReceived } from '../perf/draw-clock';
import { leverEntry, prepend, statusEntry, tickEntries, type FeedEntry } from './feed';
import { MetricsHistory } from './metrics-history';

/** The parts of a tick event the network draws. */
export type LatestTick = Omit<TickEvent, 'type'>;

/** What a view of a run reads (the network, the charts, a department's numbers): a live session or a replay. */
export type RunShown = Pick<RunSession, 'run' | 'world' | 'history' | 'historyRevision' | 'levers' | 'latest' | 'ticksDone'>;

export class RunSession {
  readonly run = signal<RunView | null>(null);
  readonly world = signal<RunWorld | null>(null);
  readonly history = new MetricsHistory();
  /** Bumped whenever `history` changes (charts redraw on it). */
  readonly historyRevision = signal(0);
  readonly levers = signal<AppliedLever[]>([]);
  readonly latest = signal<LatestTick | null>(null);
  readonly feed = signal<FeedEntry[]>([]);
  readonly connection = signal<StreamState>('connecting');
  readonly error = signal<string | null>(null);
  /** Ticks closed so far (from the history or the run record). */
  readonly ticksDone = computed(() => {
    void this.historyRevision.value;
    return this.history.lastTick + 1;
  });
  private readonly stream: StreamClient;
  private disposed = false;

  constructor(readonly runId: string) {
    this.stream = new StreamClient(streamUrl(runId), {
      message: (message) => this.receive(message),
      open: () => void this.sync(),
      state: (state) => (this.connection.value = state),
    });
    void this.loadWorld();
  }

  dispose(): void {
    this.disposed = true;
    this.stream.close();
  }

  /** Re-reads the run and the stored metrics after the last tick held (and the last tick's network, if none yet). */
  async sync(): Promise<void> {
    if (!this.latest.value) void this.loadLatestTick();
    try {
      const [run, stored] = await Promise.all([orchestratorApi.run(this.runId), orchestratorApi.metrics(this.runId, this.history.lastTick + 1)]);
      if (this.disposed) return;
      batch(() => {
        this.run.value = run;
        this.mergeLevers(run.live?.levers ?? (run.manifest.levers as AppliedLever[] | undefined) ?? []);
        let added = false;
        for (const row of stored) added = this.history.add(row.tick, row.metrics) || added;
        if (added) this.historyRevision.value++;
        this.error.value = null;
      });
    } catch (error) {
      this.error.value = error instanceof ApiError ? error.message : String(error);
    }
  }

  /** A page opened after the last tick (a paused or finished run) draws the network from the tick the server holds. */
  private async loadLatestTick(): Promise<void> {
    try {
      const event = await orchestratorApi.latestTick(this.runId);
      if (event && !this.disposed && (this.latest.value?.tick ?? -1) < event.tick) this.latest.value = event;
    } catch {
      // A run of an earlier process: its metrics are stored, its network is not.
    }
  }

  private async loadWorld(): Promise<void> {
    try {
      const world = await orchestratorApi.world(this.runId);
      if (!this.disposed) this.world.value = world;
    } catch (error) {
      this.error.value = error instanceof ApiError ? error.message : String(error);
    }
  }

  private receive(message: StreamMessage): void {
    if (message.event === 'tick') this.applyTick(message.data);
    else if (message.event === 'lever') this.mergeLevers([message.data]);
    else if (message.event === 'status') {
      const entry = statusEntry(message.data);
      batch(() => {
        const run = this.run.value;
        if (run) this.run.value = { ...run, status: message.data.status, digest: message.data.digest ?? run.digest, error: message.data.error ?? run.error };
        if (entry) this.feed.value = prepend(this.feed.value, [entry]);
      });
    }
  }

  private applyTick(event: LatestTick): void {
    tickReceived(event.tick);
    batch(() => {
      if (this.history.add(event.tick, event.metrics)) this.historyRevision.value++;
      if (event.tick >= (this.latest.value?.tick ?? -1)) this.latest.value = event;
      this.feed.value = prepend(this.feed.value, tickEntries(event, this.world.value));
    });
    tickApplied(event.tick, event.announcedAt);
  }

  /** Adds levers not yet known (the same change can come from the stream and from the run record). */
  private mergeLevers(levers: readonly AppliedLever[]): void {
    const known = this.levers.value;
    const key = (lever: AppliedLever) => `${lever.fromTick}|${lever.path}|${JSON.stringify(lever.value)}`;
    const seen = new Set(known.map(key));
    const fresh = levers.filter((lever) => !seen.has(key(lever)));
    if (fresh.length === 0) return;
    batch(() => {
      this.levers.value = [...known, ...fresh];
      this.feed.value = prepend(this.feed.value, fresh.map(leverEntry));
    });
  }
}
