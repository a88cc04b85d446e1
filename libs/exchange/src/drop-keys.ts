// Deletes every Redis key under a prefix: a redis-transport run's shutdown, benchmarks and tests leave nothing behind.
import { openRedis, type TransportConnection } from '@silolab/protocol';

/** Deletes all keys matching `${prefix}:*` (SCAN + UNLINK, in pages). Returns how many were deleted. */
export async function dropKeys(connection: TransportConnection, prefix: string): Promise<number> {
  if (!/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*$/.test(prefix)) throw new Error(`dropKeys prefix: expected letters, digits, "_", "-" or ".", segments joined by ":", got ${JSON.stringify(prefix)}`);
  const redis = openRedis(connection);
  redis.on('error', () => undefined);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  return deleted;
}
