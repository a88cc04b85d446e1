// Idempotency: the ids of messages an identity has processed, with the reply each one produced.
import type Redis from 'ioredis';
import { processedKey } from './queue-names';

/** What a processed mark holds: the handler's reply (null for events and void handlers). */
interface ProcessedMark {
  reply: unknown;
}

/** The mark of a message whose handler replied nothing (events): the same text JSON.stringify gives. */
const NULL_MARK = JSON.stringify({ reply: null } satisfies ProcessedMark);

/**
 * The one command a mark needs from the connection it travels on: ioredis's `SET key value EX ttl NX`. BullMQ's
 * worker connection (its ioredis client behind BullMQ's `IRedisClient` proxy, which passes this form through) has it.
 */
export interface MarkConnection {
  set(key: string, value: string, expiry: 'EX', seconds: number, condition: 'NX'): Promise<unknown>;
}

/**
 * Remembers processed message ids in Redis (`SET key value EX ttl NX`), so a redelivered message
 * — same envelope id, whatever its BullMQ job id — is answered from the mark without calling the
 * handler again. The mark is written after the handler succeeds: a handler that throws is retried.
 */
export class ProcessedMarks {
  /** Every mark's key up to the message id (made once: a key per message is this and the id). */
  private readonly keyBase: string;

  constructor(
    private readonly redis: Redis,
    scope: { prefix: string; run: string; identity: string },
    private readonly ttlSeconds: number,
  ) {
    this.keyBase = processedKey(scope.prefix, scope.run, scope.identity, '');
  }

  /** The mark of `messageId`, or null when it has not been processed (or the mark expired). */
  async get(messageId: string): Promise<ProcessedMark | null> {
    const stored = await this.redis.get(this.key(messageId));
    return stored === null ? null : (JSON.parse(stored) as ProcessedMark);
  }

  /**
   * Records `messageId` as processed with `reply` (the first mark wins): sends the mark on `connection` now (the
   * command is handed to the connection before this returns) and resolves when Redis answers. Redis runs one connection's commands in the order they were sent, so a command
   * sent later on the same connection (BullMQ completing the job) runs after the mark is stored: the caller need not
   * wait for the answer to keep "a completed job has its mark" (see InboxConsumer).
   */
  send(connection: MarkConnection, messageId: string, reply: unknown): Promise<unknown> {
    return connection.set(this.key(messageId), this.markText(reply), 'EX', this.ttlSeconds, 'NX');
  }

  private markText(reply: unknown): string {
    if (reply === undefined || reply === null) return NULL_MARK;
    const mark: ProcessedMark = { reply };
    return JSON.stringify(mark);
  }

  private key(messageId: string): string {
    return this.keyBase + messageId;
  }
}
