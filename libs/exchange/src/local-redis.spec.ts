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
});
