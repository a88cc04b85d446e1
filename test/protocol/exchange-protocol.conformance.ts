// One conformance suite for every exchange protocol (as for transports): over a real Redis, with the hub and department
// services as processes, each protocol must give the in-process digest in both deliveries, with exactly one terminal
// ledger record per request (the hub refuses to close a tick otherwise: one request per ordinal 0..n−1, all terminal).
import type { OpmonRecord } from '@silolab/exchange';
import { faultRun, type FaultArgs, type FaultObservation } from '../transport/support/transport-scenarios';

/**
 * The run's opmon records, collected from every process: one at the orchestrator and one at the requester for every
 * exchange, each party's times in causal order (the orchestrator queues the request before the requester takes it,
 * and the requester takes it before the outcome comes back), sizes measured, nothing past the caps.
 */
function expectOpmonOfEveryExchange(observed: FaultObservation, protocol: string, delivery: 'message' | 'tick'): void {
  const opmon = observed.opmon();
  expect(opmon).not.toBeNull();
  expect([opmon!.exchangesNotKept, opmon!.messagesNotKept]).toEqual([0, 0]);
  const byExchange = new Map<string, OpmonRecord[]>();
  for (const record of opmon!.records) byExchange.set(`${record.tick}|${record.ordinal}`, [...(byExchange.get(`${record.tick}|${record.ordinal}`) ?? []), record]);
  expect(byExchange.size).toBe(observed.exchanges);
  for (const records of byExchange.values()) {
    const orchestrator = records.find((r) => r.role === 'orchestrator')!;
    const requester = records.find((r) => r.role === 'requester')!;
    expect(orchestrator.messages).toBe(1);
    expect(orchestrator.requestOutAt!).toBeLessThanOrEqual(requester.requestInAt!);
    expect(requester.requestInAt!).toBeLessThanOrEqual(orchestrator.responseInAt!);
    expect(requester.requestBytes).toBeGreaterThan(0);
    expect(records.every((r) => r.protocol === protocol && r.delivery === delivery)).toBe(true);
    // The hub handles exchange messages only where it routes them.
    expect(records.some((r) => r.role === 'hub')).toBe(protocol === 'hub');
  }
}

function run(args: Omit<FaultArgs, 'redisUrl' | 'scenario' | 'seed'>) {
  const redisUrl = process.env.REDIS_URL_TEST;
  if (!redisUrl) throw new Error('REDIS_URL_TEST is not set (test/global-setup.js starts a Redis)');
  return faultRun({ scenario: 'workshop-small', seed: 3, redisUrl, ...args });
}

/**
 * Registers the conformance suite for the registered protocol `protocol`. `kills` names the processes killed mid-run
 * (each case costs a run of ≈ 7–9 s in CI): a protocol whose hub does what another protocol's already does may leave
 * that kill to it, saying so where it calls this.
 */
export function describeProtocolConformance(protocol: string, kills: ReadonlyArray<'department' | 'hub'> = ['department', 'hub']): void {
  describe(`exchange protocol conformance: ${protocol}`, () => {
    it.each(['message', 'tick'] as const)('gives the in-process digest with one terminal ledger record per request (%s delivery)', async (delivery) => {
      const observed = await run({ ticks: 6, delivery, protocol });
      expect(observed.transport).toMatchObject({ protocol, delivery });
      expect(observed.digest).toBe(observed.inprocDigest);
      expect(observed.ticksClosed).toBe(6);
      expect(observed.hubRecords).toBe(observed.exchanges);
      expect(observed.refusedOutcomes).toBe(0);
      expectOpmonOfEveryExchange(observed, protocol, delivery);
    }, 120_000);

    if (kills.includes('department')) it('completes with the undisturbed digest when a department process is killed mid-run (message delivery)', async () => {
      const observed = await run({ ticks: 6, delivery: 'message', protocol, killAtTick: 2, kill: 'department' });
      expect(observed.restarts).toBeGreaterThanOrEqual(1);
      expect(observed.digest).toBe(observed.inprocDigest);
      expect(observed.hubRecords).toBe(observed.exchanges);
    }, 180_000);

    if (kills.includes('hub')) it('completes with the undisturbed digest when the hub is killed mid-run (tick delivery)', async () => {
      const observed = await run({ ticks: 6, delivery: 'tick', protocol, killAtTick: 2, kill: 'hub' });
      expect(observed.restarts).toBeGreaterThanOrEqual(1);
      expect(observed.digest).toBe(observed.inprocDigest);
      expect(observed.hubRecords).toBe(observed.exchanges);
    }, 180_000);
  });
}
