// The history holds each tick once, in order, from whichever source brought it first.
import { MetricsHistory } from './metrics-history';

describe('MetricsHistory', () => {
  it('keeps ticks in order whatever order they arrive in, and ignores repeats', () => {
    const history = new MetricsHistory();
    expect(history.add(2, { sharingRate: 0.2 })).toBe(true);
    expect(history.add(0, { sharingRate: 0 })).toBe(true);
    expect(history.add(1, { sharingRate: 0.1, leaks: 3 })).toBe(true);
    expect(history.add(1, { sharingRate: 0.9 })).toBe(false);
    expect(history.rows.map((row) => row.tick)).toEqual([0, 1, 2]);
    expect(history.series('sharingRate')).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 0.1 },
      { x: 2, y: 0.2 },
    ]);
    expect(history.series('leaks')).toEqual([{ x: 1, y: 3 }]);
    expect(history.lastTick).toBe(2);
  });
});
