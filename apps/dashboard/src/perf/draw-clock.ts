// How far the page lags behind the run, with the Performance API: for each tick, the time from the tick event's
// arrival to the frame that draws it (`silolab:tick-drawn`), and from the server's announcement to that frame.
// The bench (bench/dashboard.ts) reads these entries; they cost two marks per tick.

/** A `performance.measure` per drawn tick, named {@link TICK_DRAWN}; `detail` holds the tick and the server lag. */
export const TICK_DRAWN = 'silolab:tick-drawn';
/** Measures kept; older ones are dropped so a long run does not grow the timeline without bound. */
const KEPT = 5000;

export interface TickDrawnDetail {
  tick: number;
  /** Wall-clock ms from the server's announcement (`announcedAt`) to the frame. */
  serverLagMs: number;
}

let measures = 0;

/** Marks the arrival of tick `tick`'s event; call before applying it. */
export function tickReceived(tick: number): void {
  performance.mark(`silolab:tick-received:${tick}`);
}

/**
 * Call after the tick has been applied to the page's state: the next animation frame is the one that shows it
 * (sigma and the charts draw in frames requested while applying it, which run first).
 */
export function tickApplied(tick: number, announcedAt: number): void {
  requestAnimationFrame(() => {
    const start = `silolab:tick-received:${tick}`;
    if (performance.getEntriesByName(start, 'mark').length === 0) return;
    const serverLagMs = performance.timeOrigin + performance.now() - announcedAt;
    performance.measure(TICK_DRAWN, { start, detail: { tick, serverLagMs } satisfies TickDrawnDetail });
    performance.clearMarks(start);
    if (++measures > KEPT) {
      performance.clearMeasures(TICK_DRAWN);
      measures = 0;
    }
  });
}
