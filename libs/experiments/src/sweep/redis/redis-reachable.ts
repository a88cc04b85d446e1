// Checking a Redis URL before handing it to BullMQ, which would otherwise retry a wrong address forever.
import Redis from 'ioredis';

/** A Redis that cannot be reached: the user's to fix (URL, server, network). */
export class RedisUnreachableError extends Error {}

/** Resolves when `url` answers PING within `timeoutMs`; otherwise rejects with a {@link RedisUnreachableError}. */
export async function assertRedisReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new RedisUnreachableError(`cannot reach Redis at ${url} (${(error as Error).message}); is the server running, and is --redis right?`);
  } finally {
    client.disconnect();
  }
}
