import { ApiAccess } from '@silolab/orchestration';
import { rateTracker } from './rate-tracker';

describe('rateTracker', () => {
  const access = new ApiAccess({ tokenFree: false, readsNeedToken: false });
  access.addToken('operator-token', { role: 'operator', name: 'operator' });
  access.addToken('seat-a', { role: 'participant', name: 'a', seat: { session: 'ABC123', copy: 0, department: 'd1' } });
  access.addToken('seat-b', { role: 'participant', name: 'b', seat: { session: 'ABC123', copy: 0, department: 'd2' } });
  const track = rateTracker(access);
  const request = (authorization?: string) => ({ ip: '203.0.113.7', ips: [], headers: authorization ? { authorization } : {} });

  it('counts two seats behind one address apart, and the same seat alike', () => {
    const a = track(request('Bearer seat-a'), null as never);
    const b = track(request('Bearer seat-b'), null as never);
    expect(a).toBe('seat:ABC123:0:d1');
    expect(b).toBe('seat:ABC123:0:d2');
    expect(track(request('Bearer seat-a'), null as never)).toBe(a);
  });

  it('counts everyone else by address: no token, a forged token, the operator', () => {
    expect(track(request(), null as never)).toBe('203.0.113.7');
    expect(track(request('Bearer forged'), null as never)).toBe('203.0.113.7');
    expect(track(request('Bearer operator-token'), null as never)).toBe('203.0.113.7');
    expect(track({ ...request(), ips: ['198.51.100.1'] }, null as never)).toBe('198.51.100.1');
  });
});
