import fc from 'fast-check';
import { HubTimings } from './hub-timings';
import { LatencyHistogram } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('gives ordered percentiles within one bucket (12.5 %) above the exact ones, and the exact max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.02, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 500 }), (values) => {
        const histogram = new LatencyHistogram();
        values.forEach((v) => histogram.record(v));
        const sorted = [...values].sort((a, b) => a - b);
        const exact = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
        const p50 = histogram.percentile(50);
        const p99 = histogram.percentile(99);
        return p50 <= p99 && p99 <= histogram.max && histogram.max === sorted[sorted.length - 1] && p50 >= exact(50) && p50 <= exact(50) * 1.125 + 1e-9 && p99 >= exact(99) && p99 <= exact(99) * 1.125 + 1e-9;
      }),
    );
  });

  it('counts negative durations (clocks that disagree) as zero and reports zeros when empty', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.summary()).toEqual({ p50: 0, p99: 0, max: 0 });
    histogram.record(-3);
    expect(histogram.summary()).toEqual({ p50: 0, p99: 0, max: 0 });
    expect(histogram.count).toBe(1);
  });

  it('merges into the histogram of all the values', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const both = new LatencyHistogram();
    [1, 5, 9].forEach((v) => (a.record(v), both.record(v)));
    [2, 700].forEach((v) => (b.record(v), both.record(v)));
    a.merge(b);
    expect(a.counts).toEqual(both.counts);
    expect(a.summary()).toEqual(both.summary());
  });
});

describe('HubTimings', () => {
  it('reports per tick as many messages as were recorded, with queue wait = dequeue − enqueue, then forgets the tick', () => {
    const timings = new HubTimings();
    for (let k = 0; k < 10; k++) timings.record(4, { enqueuedAt: 1000, dequeuedAt: 1000 + k, handlingMs: 2 });
    timings.record(5, { enqueuedAt: 0, dequeuedAt: 1, handlingMs: 1 });
    const tick4 = timings.take(4);
    expect(tick4.messages).toBe(10);
    expect(tick4.queueWaitMs.max).toBe(9);
    expect(tick4.queueWaitMs.p50).toBeGreaterThanOrEqual(4);
    expect(tick4.queueWaitMs.p50).toBeLessThanOrEqual(tick4.queueWaitMs.p99);
    expect(tick4.handlingMs.max).toBe(2);
    expect(timings.take(4).messages).toBe(0);
    expect(timings.take(5).messages).toBe(1);
  });

  it('reports a message that finishes after its tick closed with the next closing, not never', () => {
    const timings = new HubTimings();
    timings.record(4, { enqueuedAt: 0, dequeuedAt: 1, handlingMs: 1 });
    expect(timings.take(4).messages).toBe(1);
    // tick 4's tick.open, retried, finishes after tick 4 closed; tick 6 is still open.
    timings.record(4, { enqueuedAt: 0, dequeuedAt: 30, handlingMs: 1 });
    timings.record(5, { enqueuedAt: 0, dequeuedAt: 1, handlingMs: 1 });
    timings.record(6, { enqueuedAt: 0, dequeuedAt: 1, handlingMs: 1 });
    const tick5 = timings.take(5);
    expect([tick5.messages, tick5.queueWaitMs.max]).toEqual([2, 30]);
    expect(timings.take(6).messages).toBe(1);
  });
});
