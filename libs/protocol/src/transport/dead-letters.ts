// The dead-letter queue: where messages go that a handler must never see, or that kept failing.
import { Queue, type ConnectionOptions } from 'bullmq';
import type Redis from 'ioredis';
import type { DecodeFailureReason } from '../messages/decode-envelope';
import { deadLetterJobId, deadLetterQueueName } from './queue-names';

/**
 * Why a message was dead-lettered (stable codes):
 * - `bad_json` — job data is not JSON text; `invalid_message` — JSON that breaks the contract;
 * - `bad_signature` — the HMAC does not verify for the claimed sender (forged or tampered);
 * - `misrouted` — a valid message addressed to another identity;
 * - `no_handler` — nobody here handles its type; `handler_failed` — the handler threw on every attempt;
 * - `replayed` — a message of another run, or of a tick long past (a captured message queued again).
 */
export type DeadLetterReason = DecodeFailureReason | 'bad_signature' | 'misrouted' | 'no_handler' | 'handler_failed' | 'replayed';

/** A dead letter as stored (job data in the `.dlq` queue; job name = reason). */
export interface DeadLetter {
  reason: DeadLetterReason;
  /** Dotted path of the offending field (`body.requestId`, `sig`, `to`), null when none applies. */
  path: string | null;
  /** Human-readable explanation naming the path and what was expected. */
  detail: string;
  /** The job data exactly as received. */
  raw: unknown;
  /** Inbox job id and the attempts it took. */
  jobId: string;
  attemptsMade: number;
}

/** Writes dead letters for one identity and counts them by reason. */
export class DeadLetterBox {
  readonly queue: Queue;

  constructor(
    connection: ConnectionOptions,
    bullPrefix: string,
    identity: string,
    private readonly redis: Redis,
    private readonly countsKey: string,
  ) {
    this.queue = new Queue(deadLetterQueueName(identity), { connection, prefix: bullPrefix });
  }

  /** Adds `letter` (idempotent per inbox job) and increments its reason's count. */
  async put(letter: DeadLetter): Promise<void> {
    await this.queue.add(letter.reason, letter, { jobId: deadLetterJobId(letter.jobId), removeOnComplete: false, removeOnFail: false });
    await this.redis.hincrby(this.countsKey, letter.reason, 1);
  }

  /** Dead-letter counts by reason. */
  async counts(): Promise<Partial<Record<DeadLetterReason, number>>> {
    const hash = await this.redis.hgetall(this.countsKey);
    return Object.fromEntries(Object.entries(hash).map(([reason, count]) => [reason, Number(count)]));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
