// One conformance suite for every exchange protocol (as for transports): over a real Redis, with the hub and department
// services as processes, each protocol must give the in-process digest in both deliveries, with exactly one terminal
// ledger record per request (the hub refuses to close a tick otherwise: one request per ordinal 0..n−1, all terminal).
import { faultRun, type FaultArgs } from '../transport/support/transport-scenarios';

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
