// A run's metrics tick by tick, merged from the stored history (GET /api/runs/:id/metrics) and the live stream:
// each tick once, in tick order, whichever source brought it first.

export interface HistoryRow {
  tick: number;
  metrics: Record<string, number>;
}

export class MetricsHistory {
  private readonly byTick = new Map<number, HistoryRow>();
  private sorted: HistoryRow[] = [];

  /** Adds a tick; returns false when it was already there. */
  add(tick: number, metrics: Record<string, number>): boolean {
    if (this.byTick.has(tick)) return false;
    const row = { tick, metrics };
    this.byTick.set(tick, row);
    const last = this.sorted.at(-1);
    if (!last || last.tick < tick) this.sorted.push(row);
    else this.sorted = [...this.byTick.values()].sort((a, b) => a.tick - b.tick);
    return true;
  }

  get rows(): readonly HistoryRow[] {
    return this.sorted;
  }

  /** The last tick held, or -1. */
  get lastTick(): number {
    return this.sorted.at(-1)?.tick ?? -1;
  }

  /** One metric as chart points `{ x: tick, y }` (ticks without that metric are left out). */
  series(metric: string): Array<{ x: number; y: number }> {
    const points: Array<{ x: number; y: number }> = [];
    for (const row of this.sorted) {
      const value = row.metrics[metric];
      if (value !== undefined) points.push({ x: row.tick, y: value });
    }
    return points;
  }
}
