// Naming a Redis in error messages without leaking its credentials.
import { redisName } from './redis-watch';

describe('redisName', () => {
  it('drops the user name and password of a Redis URL', () => {
    expect(redisName({ url: 'redis://user:s3cret@cache.example:6380/2' })).toBe('redis://cache.example:6380/2');
    expect(redisName({ url: 'redis://127.0.0.1:6379' })).toBe('redis://127.0.0.1:6379');
  });

  it('names host and port when there is no URL', () => {
    expect(redisName({ host: 'cache', port: 7000 })).toBe('cache:7000');
  });
});
