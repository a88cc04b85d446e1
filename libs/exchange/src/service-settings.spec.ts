import { readServiceSettings } from './service-settings';

const required = { REDIS_URL: 'redis://127.0.0.1:6379', SILOLAB_RUN: 'run-1' };

describe('readServiceSettings', () => {
  it('holds jobs 10 s by default and takes SILOLAB_LOCK_MS from the environment', () => {
    expect(readServiceSettings({ ...required }).SILOLAB_LOCK_MS).toBe(10_000);
    expect(readServiceSettings({ ...required, SILOLAB_LOCK_MS: '2500' }).SILOLAB_LOCK_MS).toBe(2500);
  });

  it('refuses a lock shorter than a second or not a whole number, naming the variable', () => {
    expect(() => readServiceSettings({ ...required, SILOLAB_LOCK_MS: '500' })).toThrow(/^SILOLAB_LOCK_MS: /);
    expect(() => readServiceSettings({ ...required, SILOLAB_LOCK_MS: 'soon' })).toThrow(/^SILOLAB_LOCK_MS: /);
  });

  it('names a missing Redis address', () => {
    expect(() => readServiceSettings({ SILOLAB_RUN: 'run-1' })).toThrow(/^REDIS_URL: /);
  });
});
