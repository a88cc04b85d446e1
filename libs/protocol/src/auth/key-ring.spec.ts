import { KeyRing, RUN_SECRET_ENV } from './key-ring';

const secret = 'a test secret of enough length';

describe('KeyRing', () => {
  it('derives the same key for the same secret, run and identity', () => {
    expect(KeyRing.fromSecret(secret, 'run-1').key('hub').equals(KeyRing.fromSecret(secret, 'run-1').key('hub'))).toBe(true);
  });

  it('derives different keys for different identities and different runs', () => {
    const ring = KeyRing.fromSecret(secret, 'run-1');
    expect(ring.key('dept-a').equals(ring.key('dept-b'))).toBe(false);
    expect(ring.key('dept-a').equals(KeyRing.fromSecret(secret, 'run-2').key('dept-a'))).toBe(false);
  });

  it('reads the secret from the environment and names the variable when it is missing', () => {
    expect(KeyRing.fromEnv('run-1', { [RUN_SECRET_ENV]: secret }).key('hub')).toHaveLength(32);
    expect(() => KeyRing.fromEnv('run-1', {})).toThrow(RUN_SECRET_ENV);
  });

  it('refuses a secret shorter than 16 bytes', () => {
    expect(() => KeyRing.fromSecret('short', 'run-1')).toThrow(/at least 16 bytes, got 5/);
  });

  it('restricted to some identities, holds their keys and no others', () => {
    const ring = KeyRing.fromSecret(secret, 'run-1');
    const restricted = ring.restrictedTo(['dept-a', 'hub']);
    expect(restricted.key('hub').equals(ring.key('hub'))).toBe(true);
    expect(restricted.has('dept-b')).toBe(false);
    expect(() => restricted.key('dept-b')).toThrow(/no key for identity "dept-b"/);
  });
});
