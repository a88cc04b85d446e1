// An identity's outbox: signs messages and adds them, as durable BullMQ jobs, to recipients' inboxes.
import { Job, Queue, type JobsOptions } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { signText } from '../auth/signature';
import { parseBody } from '../messages/decode-envelope';
import type { BodyOf, Envelope, MessageType } from '../messages/envelope';
import { assertIdentity } from '../messages/identifiers';
import { messageId } from '../messages/message-id';
import { connectionErrors } from './connection-errors';
import { closeWithin } from './inbox-consumer';
import { inboxQueueName, runPrefix, signedJobId } from './queue-names';
import { copyJobId } from './transport-faults';
import { bullConnection, type ResolvedTransportOptions } from './transport-options';

/** What a sender supplies; run, sender, id and signature are filled in by the outbox. */
export interface OutgoingMessage<T extends MessageType = MessageType> {
  to: string;
  tick: number;
  body: BodyOf<T>;
  /** Overrides the content-derived id (rarely right: redeliveries are recognised by id). */
  id?: string;
}

/** A signed message ready to queue: its wire text and what addresses it. */
export interface SignedJob {
  type: MessageType;
  to: string;
  id: string;
  /** The envelope's JSON text, `sig` last (see signText). */
  text: string;
}

/** The signature of a signed envelope text: `,"sig":"<64 hex>"}` is how every one ends. */
function signatureOf(text: string): string {
  return text.slice(-66, -2);
}

/**
 * Builds signed envelopes and adds them to `${prefix}:${run}:${to}`. The BullMQ job id is the
 * envelope id, so adding the same message twice while its job exists is a no-op. Each job carries
 * the retry policy (attempts, exponential backoff) and the retention that lets a late `request`
 * read its reply.
 */
export class OutboxProducer {
  private readonly queues = new Map<string, Queue<string>>();
  /** The retry policy and retention every job carries (BullMQ only reads them; one set of objects for all jobs). */
  private readonly retry: Pick<JobsOptions, 'backoff' | 'removeOnComplete' | 'removeOnFail'>;

  constructor(
    private readonly options: ResolvedTransportOptions,
    private readonly onError: (message: string) => void,
  ) {
    const { backoffMs, keepCompletedSeconds, keepFailedSeconds } = options;
    this.retry = { backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: { age: keepCompletedSeconds }, removeOnFail: { age: keepFailedSeconds } };
  }

  /** Validates `message.body` against `type`'s schema and signs the envelope as this identity. */
  envelope<T extends MessageType>(type: T, message: OutgoingMessage<T>): Envelope {
    return JSON.parse(this.job(type, message).text) as Envelope;
  }

  /**
   * The signed job of `message`: the body is validated, serialised once (a batch's id digests that text) and the
   * HMAC covers the exact envelope text that is queued.
   */
  job<T extends MessageType>(type: T, message: OutgoingMessage<T>): SignedJob {
    assertIdentity(message.to, `${type} to`);
    if (!Number.isInteger(message.tick) || message.tick < 0) throw new Error(`${type} tick: expected an integer >= 0, got ${String(message.tick)}`);
    const body = parseBody(type, message.body);
    const bodyText = JSON.stringify(body);
    const { run, identity, keyRing } = this.options;
    const id = message.id ?? messageId(type, body, { tick: message.tick, from: identity, to: message.to }, bodyText);
    // The same text as JSON.stringify({ type, run, tick, from, to, id, body }), with the body serialised once.
    const head = JSON.stringify({ type, run, tick: message.tick, from: identity, to: message.to, id });
    const text = signText(`${head.slice(0, -1)},"body":${bodyText}}`, keyRing.key(identity));
    return { type, to: message.to, id, text };
  }

  /** Adds `envelope` (a signed envelope object, `sig` last) to its recipient's inbox; resolves once stored in Redis. */
  post(envelope: Envelope): Promise<Job<string>> {
    return this.postJob({ type: envelope.type, to: envelope.to, id: envelope.id, text: JSON.stringify(envelope) });
  }

  /** Adds a signed job to its recipient's inbox; resolves once the job is stored in Redis. */
  postJob(job: SignedJob): Promise<Job<string>> {
    const { attempts, faults } = this.options;
    const jobId = signedJobId(signatureOf(job.text));
    const options: JobsOptions = { attempts, ...this.retry, jobId };
    // Without injected faults, BullMQ's own promise is the answer (no async wrapper: a promise per message less).
    return faults ? this.postWithFaults(job, options, faults) : this.queue(job.to).add(job.type, job.text, options);
  }

  /** `postJob` under injected faults: the job delayed as the fault plan says, and maybe a copy under another job id. */
  private async postWithFaults(job: SignedJob, options: JobsOptions, faults: NonNullable<ResolvedTransportOptions['faults']>): Promise<Job<string>> {
    const jobId = options.jobId!;
    const fault = faults.onSend(job.id);
    const queued = await this.queue(job.to).add(job.type, job.text, { ...options, delay: fault.delayMs });
    if (fault.copyAfterMs !== null) {
      await this.queue(job.to).add(job.type, job.text, { ...options, jobId: copyJobId(jobId), delay: fault.delayMs + fault.copyAfterMs });
      faults.count('duplicated', copyJobId(jobId));
    }
    return queued;
  }

  /**
   * Posts `envelope` and waits for the recipient's reply: the handler's value, stored by BullMQ as the job's return
   * value. Rejects when the message is dead-lettered, fails every attempt, or no answer comes within `replyTimeoutMs`.
   * The job's state is polled (1 ms, doubling to 25 ms): a queue-events stream would read every event of the
   * recipient's queue for as long as the outbox lives, which costs the sender more than a few reads per request.
   */
  async request(envelope: Envelope | SignedJob): Promise<unknown> {
    const job = 'text' in envelope ? await this.postJob(envelope) : await this.post(envelope);
    const queue = this.queue(envelope.to);
    const deadline = Date.now() + this.options.replyTimeoutMs;
    let unknown = 0;
    for (let wait = 1; ; wait = Math.min(2 * wait, 25)) {
      const state = await job.getState();
      // A job Redis no longer has (restarted without persistence, flushed) will never be answered.
      if (state === 'unknown' && ++unknown > 40) throw new Error(`${envelope.type} ${envelope.id} to ${envelope.to}: the job is no longer in Redis (was Redis restarted without persistence?)`);
      if (state === 'completed' || state === 'failed') {
        const finished = await Job.fromId<string>(queue, job.id!);
        if (state === 'completed') return finished?.returnvalue ?? null;
        throw new Error(`${envelope.type} ${envelope.id} to ${envelope.to} failed: ${finished?.failedReason ?? 'unknown reason'}`);
      }
      if (Date.now() > deadline) throw new Error(`${envelope.type} ${envelope.id} to ${envelope.to}: no reply within ${this.options.replyTimeoutMs} ms`);
      await sleep(wait);
    }
  }

  /** Closes every queue this outbox opened. Safe to call twice. */
  async close(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((queue) => closeWithin(queue.close(), () => queue.disconnect())));
  }

  private queue(to: string): Queue<string> {
    let queue = this.queues.get(to);
    if (!queue) {
      const { connection, prefix, run } = this.options;
      queue = new Queue<string>(inboxQueueName(to), { connection: bullConnection(connection), prefix: runPrefix(prefix, run) });
      queue.on('error', (error) => connectionErrors.report(`queue ${to}`, error.message, this.onError));
      this.queues.set(to, queue);
    }
    return queue;
  }
}
