// The hub's operational record: for every message it handles, how long it waited in the queue and how long it took.
import { LatencyHistogram, type DurationSummary } from './latency-histogram';

/** One handled message's times: enqueue (the job's timestamp), dequeue (handling started) and handling. */
export interface HandledMessage {
  /** Epoch ms when the sender queued the job (BullMQ's `timestamp`). */
  enqueuedAt: number;
  /** Epoch ms when a worker took the job (BullMQ's `processedOn`). */
  dequeuedAt: number;
  /** ms the handler ran. */
  handlingMs: number;
}

/** What the hub reports for one tick: how many messages it handled, their queue wait and handling time. */
export interface TickTransportStats {
  messages: number;
  queueWaitMs: DurationSummary;
  handlingMs: DurationSummary;
  /** The histograms themselves (bucket counts), so the orchestrator can merge ticks into the run's percentiles. */
  histograms: { queueWait: HistogramData; handling: HistogramData };
}

/** A histogram as it travels: bucket counts, count and max. */
export interface HistogramData {
  counts: number[];
  count: number;
  max: number;
}

/**
 * Per-tick histograms of queue wait (dequeue − enqueue) and handling time of the messages the hub handles. Memory is
 * fixed per open tick. Closing tick t takes the record of every tick up to t not taken yet: a message of t that
 * finishes after t closed — its `tick.open`, which no outcome waits for, or a redelivered copy — is reported with the
 * next closing instead of being lost, so the run's totals count every message handled before the last close. A
 * passive observer: it never changes what the hub computes.
 */
export class HubTimings {
  private readonly ticks = new Map<number, { queueWait: LatencyHistogram; handling: LatencyHistogram }>();

  /** Records one handled message of tick `messageTick`. */
  record(messageTick: number, message: HandledMessage): void {
    let tick = this.ticks.get(messageTick);
    if (!tick) {
      tick = { queueWait: new LatencyHistogram(), handling: new LatencyHistogram() };
      this.ticks.set(messageTick, tick);
    }
    tick.queueWait.record(message.dequeuedAt - message.enqueuedAt);
    tick.handling.record(message.handlingMs);
  }

  /** The record of every tick up to `tick` not taken yet (empty if none), which is then forgotten. */
  take(tick: number): TickTransportStats {
    const record = { queueWait: new LatencyHistogram(), handling: new LatencyHistogram() };
    for (const [recorded, histograms] of this.ticks) {
      if (recorded > tick) continue;
      record.queueWait.merge(histograms.queueWait);
      record.handling.merge(histograms.handling);
      this.ticks.delete(recorded);
    }
    const data = (h: LatencyHistogram): HistogramData => ({ counts: [...h.counts], count: h.count, max: h.max });
    return { messages: record.handling.count, queueWaitMs: record.queueWait.summary(), handlingMs: record.handling.summary(), histograms: { queueWait: data(record.queueWait), handling: data(record.handling) } };
  }
}
