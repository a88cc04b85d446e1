import { AccessSetupError, isLoopbackHost, resolveAccess } from './access-setup';
import { ApiAccess, bearerToken } from './api-access';
import { originAllowed, parseOrigin } from './origin-policy';

describe('ApiAccess', () => {
  const access = new ApiAccess({ tokenFree: false, readsNeedToken: false });
  access.addToken('operator-token-0123456789abcdef', { role: 'operator', name: 'operator' });

  it('lets reads through without a token when reads are open, and control only with a known token', () => {
    expect(access.decide('runs:read', null)).toEqual({ allowed: true, principal: null });
    expect(access.decide('runs:control', null)).toMatchObject({ allowed: false, status: 401, message: expect.stringContaining('Authorization: Bearer') });
    expect(access.decide('runs:control', 'operator-token-0123456789abcdeF')).toMatchObject({ allowed: false, status: 401, message: 'the bearer token is not valid for this orchestrator' });
    expect(access.decide('runs:control', 'operator-token-0123456789abcdef')).toEqual({ allowed: true, principal: { role: 'operator', name: 'operator' } });
  });

  it('puts reads behind the token when the policy says so', () => {
    const guarded = new ApiAccess({ tokenFree: false, readsNeedToken: true });
    guarded.addToken('t', { role: 'operator', name: 'operator' });
    expect(guarded.decide('runs:read', null)).toMatchObject({ allowed: false, status: 401 });
    expect(guarded.decide('runs:read', 't')).toMatchObject({ allowed: true });
  });

  it('reads the token of an Authorization header only in the Bearer scheme', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('resolveAccess', () => {
  it('tells loopback addresses from the others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '::ffff:10.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses token-free mode off loopback and generates a 256-bit token when none is set', () => {
    expect(() => resolveAccess({ host: '0.0.0.0', tokenFree: true })).toThrow(AccessSetupError);
    expect(() => resolveAccess({ host: '127.0.0.1', tokenFree: true, token: 'x' })).toThrow(AccessSetupError);
    const generated = resolveAccess({ host: '0.0.0.0' });
    expect(generated).toMatchObject({ tokenSource: 'generated', access: { policy: { tokenFree: false, readsNeedToken: true } } });
    expect(Buffer.from(generated.token!, 'base64url')).toHaveLength(32);
    expect(resolveAccess({ host: '127.0.0.1', token: 'short' }).warnings[0]).toMatch(/short/);
    expect(() => resolveAccess({ host: '127.0.0.1', token: 'has space' })).toThrow(AccessSetupError);
  });
});

describe('originAllowed', () => {
  it('allows no Origin, the orchestrator own origin and listed ones; refuses the rest', () => {
    expect(originAllowed(undefined, '127.0.0.1:3000', [])).toBe(true);
    expect(originAllowed('http://127.0.0.1:3000', '127.0.0.1:3000', [])).toBe(true);
    expect(originAllowed('http://evil.example', '127.0.0.1:3000', [])).toBe(false);
    expect(originAllowed('null', '127.0.0.1:3000', [])).toBe(false);
    expect(originAllowed('https://dash.example', '127.0.0.1:3000', ['https://dash.example'])).toBe(true);
    expect(parseOrigin('https://dash.example:8443/')).toBe('https://dash.example:8443');
    expect(() => parseOrigin('https://dash.example/path')).toThrow(/no path/);
  });
});
