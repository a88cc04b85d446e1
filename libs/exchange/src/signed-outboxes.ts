// Sends a use case's outgoing messages, signed as the sending identity, one job each or one batch per recipient.
import { OutboxProducer, resolveTransportOptions, type BullMqTransportOptions, type SignedJob } from '@silolab/protocol';
import type { Outgoing } from './exchange-rows';
import { encodeOutgoing, type MessageSender, type WireFormat, type WireMessage } from './wire-format';

/** Transport options shared by every identity of a process (the identity is filled in per outbox). */
export type SharedTransportOptions = Omit<BullMqTransportOptions, 'identity'>;

/**
 * One outbox per identity this process signs as (a department process signs as each department it hosts).
 * `format` chooses the delivery: a job per message (`exchange.*`), one `tick.batch.v1` per recipient, or one
 * columnar `tick.batch.v2` per recipient and kind.
 */
export class SignedOutboxes implements MessageSender {
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

  /**
   * Signs `outgoing` as `from` and queues it in `format`; resolves once every job is stored in Redis. In `message`
   * delivery a handler usually sends one message: its job's own promise is then the answer (no async wrapper).
   */
  send(from: string, outgoing: Outgoing, format: WireFormat): Promise<unknown> {
    try {
      const messages = encodeOutgoing(outgoing, format);
      if (messages.length === 0) return SENT;
      if (messages.length === 1) return this.sendMessage(from, outgoing.tick, messages[0]);
      const outbox = this.outbox(from);
      return postAll(outbox, messages.map(({ to, type, body }) => outbox.job(type, { to, tick: outgoing.tick, body })));
    } catch (error) {
      // Encoding and signing fail as the async path does: a rejected promise, not a throw.
      return Promise.reject(error);
    }
  }

  /** Signs one message of `tick` as `from` and queues it; its job's own promise is the answer (no async wrapper). */
  sendMessage(from: string, tick: number, { to, type, body }: WireMessage): Promise<unknown> {
    try {
      const outbox = this.outbox(from);
      return outbox.postJob(outbox.job(type, { to, tick, body }));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Closes every outbox. */
  async close(): Promise<void> {
    const outboxes = [...this.outboxes.values()];
    this.outboxes.clear();
    await Promise.all(outboxes.map((outbox) => outbox.close()));
  }
}

/** What `send` answers when there is nothing to send. */
const SENT: Promise<unknown> = Promise.resolve();

/** Posts `jobs`, at most 1000 adds in flight. */
async function postAll(outbox: OutboxProducer, jobs: readonly SignedJob[]): Promise<void> {
  for (let start = 0; start < jobs.length; start += 1000) {
    await Promise.all(jobs.slice(start, start + 1000).map((job) => outbox.postJob(job)));
  }
}
