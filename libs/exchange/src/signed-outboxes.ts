// Sends a use case's outgoing messages, signed as the sending identity, one job each or one batch per recipient.
import { OutboxProducer, resolveTransportOptions, type BullMqTransportOptions, type SignedJob, type TickBatchV1Item } from '@silolab/protocol';
import { packColumns } from './batch-columns';
import { groupByRecipient, type OutgoingExchange } from './outgoing-message';

/** How a reply travels: a job per message, or one batch per recipient (and kind, for v2). */
export type WireFormat = 'message' | 'tick.batch.v1' | 'tick.batch.v2';

/** Transport options shared by every identity of a process (the identity is filled in per outbox). */
export type SharedTransportOptions = Omit<BullMqTransportOptions, 'identity'>;

/**
 * One outbox per identity this process signs as (a department process signs as each department it hosts).
 * `format` chooses the delivery: a job per message (`exchange.*`), one `tick.batch.v1` per recipient, or one
 * columnar `tick.batch.v2` per recipient and kind.
 */
export class SignedOutboxes {
  private readonly outboxes = new Map<string, OutboxProducer>();

  constructor(
    private readonly options: SharedTransportOptions,
    private readonly onError: (message: string) => void,
  ) {}

  /** The outbox of `identity` (opened on first use). */
  outbox(identity: string): OutboxProducer {
    let outbox = this.outboxes.get(identity);
    if (!outbox) {
      outbox = new OutboxProducer(resolveTransportOptions({ ...this.options, identity }), this.onError);
      this.outboxes.set(identity, outbox);
    }
    return outbox;
  }

  /** Signs `outgoing` as `from` and queues it; resolves once every job is stored in Redis. */
  async send(from: string, tick: number, outgoing: readonly OutgoingExchange[], format: WireFormat): Promise<void> {
    if (outgoing.length === 0) return;
    const outbox = this.outbox(from);
    const jobs: SignedJob[] = [];
    if (format === 'tick.batch.v2') {
      for (const [to, group] of groupByRecipient(outgoing)) {
        for (const body of packColumns(group)) jobs.push(outbox.job('tick.batch.v2', { to, tick, body }));
      }
    } else if (format === 'tick.batch.v1') {
      for (const [to, group] of groupByRecipient(outgoing)) {
        const items = group.map(({ type, body }) => ({ type, body }) as TickBatchV1Item);
        jobs.push(outbox.job('tick.batch.v1', { to, tick, body: { items } }));
      }
    } else {
      for (const message of outgoing) jobs.push(outbox.job(message.type, { to: message.to, tick, body: message.body }));
    }
    for (let start = 0; start < jobs.length; start += 1000) {
      await Promise.all(jobs.slice(start, start + 1000).map((job) => outbox.postJob(job)));
    }
  }

  /** Closes every outbox. */
  async close(): Promise<void> {
    const outboxes = [...this.outboxes.values()];
    this.outboxes.clear();
    await Promise.all(outboxes.map((outbox) => outbox.close()));
  }
}
