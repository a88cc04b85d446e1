// Starting a throw-away Redis for runs without REDIS_URL.
import Redis from 'ioredis';
import { NO_REDIS_SERVER, startLocalRedis } from './local-redis';

describe('startLocalRedis', () => {
  it('says how to get Redis when no redis-server can be started', async () => {
    await expect(startLocalRedis({ command: '/nonexistent/redis-server' })).rejects.toThrow(NO_REDIS_SERVER);
    expect(NO_REDIS_SERVER).toMatch(/apt-get install redis-server/);
  });

  it('starts a redis-server on a free port that answers, and stops it', async () => {
    const local = await startLocalRedis();
    const redis = new Redis(local.url);
    try {
      expect(await redis.ping()).toBe('PONG');
    } finally {
      await redis.quit();
      await local.stop();
    }
    expect(() => process.kill(local.pid, 0)).toThrow();
  });

  it('restarts a server started with AOF on the same port, keeping what was written', async () => {
    const local = await startLocalRedis({ appendonly: true });
    const redis = new Redis(local.url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    try {
      await redis.set('kept', 'yes');
      const before = local.pid;
      await local.restart(100);
      expect(local.pid).not.toBe(before);
      expect(await redis.get('kept')).toBe('yes');
    } finally {
      redis.disconnect();
      await local.stop();
    }
  });
});
