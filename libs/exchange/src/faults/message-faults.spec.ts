// Message faults are keyed draws: the same run seed drops, copies and holds back the same messages, at their rates,
// and never drops a message's last delivery (which no retry would follow).
import fc from 'fast-check';
import type { FaultCount } from '@silolab/protocol';
import { delayOf, MAX_COPY_LAG_MS, MessageFaults, parseFaultsEnv } from './message-faults';

const settings = { drop: 0.2, duplicate: 0.1, delay: { distribution: 'uniform' as const, minMs: 2, maxMs: 10 }, reorder: { probability: 0.25, maxMs: 100 } };

function counting(seed: number) {
  const counts: Partial<Record<FaultCount, number>> = {};
  const members = new Set<string>();
  const faults = new MessageFaults(seed, settings, (event, member) => {
    if (member !== undefined && members.has(`${event} ${member}`)) return;
    members.add(`${event} ${member}`);
    counts[event] = (counts[event] ?? 0) + 1;
  });
  return { faults, counts };
}

describe('MessageFaults', () => {
  it('decides every fault from (seed, message id, attempt) alone, whatever was decided before', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 30 }), (seed, ids) => {
        const first = counting(seed).faults;
        const second = counting(seed).faults;
        const forward = ids.map((id) => [first.onSend(id), first.dropsDelivery(id, 0, 3), first.dropsDelivery(id, 1, 3)]);
        const backward = [...ids].reverse().map((id) => [second.onSend(id), second.dropsDelivery(id, 0, 3), second.dropsDelivery(id, 1, 3)]).reverse();
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('never drops the last attempt, so every message is delivered', () => {
    const { faults } = counting(1);
    const always = new MessageFaults(1, { ...settings, drop: 1 }, () => undefined);
    for (let i = 0; i < 1000; i++) {
      expect(always.dropsDelivery(`m${i}`, 2, 3)).toBe(false);
      expect(always.dropsDelivery(`m${i}`, 0, 1)).toBe(false);
      expect(faults.dropsDelivery(`m${i}`, 2, 3)).toBe(false);
    }
    expect(always.dropsDelivery('m0', 0, 3)).toBe(true);
  });

  it('injects at the configured rates and counts what it injected', () => {
    const { faults, counts } = counting(42);
    const n = 5_000;
    let copies = 0;
    let held = 0;
    for (let i = 0; i < n; i++) {
      const fault = faults.onSend(`exchange.request.v1:t1-a${i}`);
      expect(fault.delayMs).toBeGreaterThanOrEqual(2);
      expect(fault.delayMs).toBeLessThanOrEqual(10 + 100);
      if (fault.delayMs > 10) held++;
      if (fault.copyAfterMs !== null) {
        copies++;
        expect(fault.copyAfterMs).toBeGreaterThan(0);
        expect(fault.copyAfterMs).toBeLessThanOrEqual(1 + MAX_COPY_LAG_MS);
      }
      faults.dropsDelivery(`exchange.request.v1:t1-a${i}`, 0, 3);
    }
    // Binomial, n = 5,000: 5 standard deviations is under 0.031 for these rates.
    expect(Math.abs(copies / n - 0.1)).toBeLessThan(0.031);
    expect(Math.abs(counts.dropped! / n - 0.2)).toBeLessThan(0.031);
    expect(Math.abs(counts.reordered! / n - 0.25)).toBeLessThan(0.031);
    expect(held).toBeLessThanOrEqual(counts.reordered!);
    expect(counts.delayed).toBe(n);
  });

  it('draws delays from the configured distribution', () => {
    expect(delayOf({ distribution: 'fixed', ms: 7 }, 0.9)).toBe(7);
    expect(delayOf({ distribution: 'uniform', minMs: 10, maxMs: 20 }, 0.5)).toBe(15);
    expect(delayOf({ distribution: 'exponential', meanMs: 10 }, 1 - Math.exp(-1))).toBeCloseTo(10);
    expect(delayOf({ distribution: 'exponential', meanMs: 10 }, 0.999999999)).toBe(200);
  });

  it('reads the services\' environment variable, naming what is wrong', () => {
    expect(parseFaultsEnv('{"seed":3,"messages":{"drop":0.5}}')).toEqual({ seed: 3, messages: { drop: 0.5, duplicate: 0 } });
    expect(() => parseFaultsEnv('{"seed":-1}')).toThrow('SILOLAB_FAULTS.seed');
    expect(() => parseFaultsEnv('{"seed":1,"messages":{"drop":2}}')).toThrow('SILOLAB_FAULTS.messages.drop');
    expect(() => parseFaultsEnv('not json')).toThrow('SILOLAB_FAULTS: expected JSON');
  });
});
