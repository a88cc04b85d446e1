// Idempotency: the ids of messages an identity has processed, with the reply each one produced.
import type Redis from 'ioredis';
import { processedKey } from './queue-names';

/** What a processed mark holds: the handler's reply (null for events and void handlers). */
interface ProcessedMark {
  reply: unknown;
}

/**
 * Remembers processed message ids in Redis (`SET key value EX ttl NX`), so a redelivered message
 * — same envelope id, whatever its BullMQ job id — is answered from the mark without calling the
 * handler again. The mark is written after the handler succeeds: a handler that throws is retried.
 */
export class ProcessedMarks {
  constructor(
    private readonly redis: Redis,
    private readonly scope: { prefix: string; run: string; identity: string },
    private readonly ttlSeconds: number,
  ) {}

  /** The mark of `messageId`, or null when it has not been processed (or the mark expired). */
  async get(messageId: string): Promise<ProcessedMark | null> {
    const stored = await this.redis.get(this.key(messageId));
    return stored === null ? null : (JSON.parse(stored) as ProcessedMark);
  }

  /** Records `messageId` as processed with `reply`; the first mark wins. */
  async set(messageId: string, reply: unknown): Promise<void> {
    const mark: ProcessedMark = { reply: reply === undefined ? null : reply };
    await this.redis.set(this.key(messageId), JSON.stringify(mark), 'EX', this.ttlSeconds, 'NX');
  }

  private key(messageId: string): string {
    return processedKey(this.scope.prefix, this.scope.run, this.scope.identity, messageId);
  }
}
