// One conformance suite for every exchange protocol (as for transports): over a real Redis, with the hub and department
// services as processes, each protocol must give the in-process digest in both deliveries, with exactly one terminal
// ledger record per request (the hub refuses to close a tick otherwise: one request per ordinal 0..n−1, all terminal),
// and keep them under every fault kind of docs/protocols.md §4: message faults in one run; in another, on the
// transport's own Redis (with AOF on), Redis restarted, a department process killed, a department cut off and the hub
// killed, each mid-tick.
import type { OpmonRecord } from '@silolab/exchange';
import type { FaultsInput } from '@silolab/model';
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
    // A fault-free run: no party saw a redelivery, a copy or a delay.
    expect(records.filter((r) => r.faultCode !== null)).toEqual([]);
  }
}

function run(args: Omit<FaultArgs, 'redisUrl' | 'scenario' | 'seed'>) {
  const redisUrl = process.env.REDIS_URL_TEST;
  if (!redisUrl) throw new Error('REDIS_URL_TEST is not set (test/global-setup.js starts a Redis)');
  return faultRun({ scenario: 'workshop-small', seed: 3, redisUrl, ...args });
}

/** Every message fault at once, at rates that hit hundreds of the run's messages. */
export const MESSAGE_FAULTS: FaultsInput = {
  messages: { drop: 0.15, duplicate: 0.1, delay: { distribution: 'exponential', meanMs: 5 }, reorder: { probability: 0.1, maxMs: 50 } },
};

/** The invariants of a run under faults: the undisturbed digest, one terminal record per request, every tick closed. */
export function expectUndisturbed(observed: FaultObservation, ticks: number): void {
  expect(observed.digest).toBe(observed.inprocDigest);
  expect(observed.hubRecords).toBe(observed.exchanges);
  expect(observed.ticksClosed).toBe(ticks);
  expect(observed.refusedOutcomes).toBe(0);
}

/** Registers the conformance suite for the registered protocol `protocol`. */
export function describeProtocolConformance(protocol: string): void {
  describe(`exchange protocol conformance: ${protocol}`, () => {
    it.each(['message', 'tick'] as const)('gives the in-process digest with one terminal ledger record per request (%s delivery)', async (delivery) => {
      const observed = await run({ ticks: 6, delivery, protocol });
      expect(observed.transport).toMatchObject({ protocol, delivery });
      expectUndisturbed(observed, 6);
      expect(observed.faultReport).toBeUndefined();
      expectOpmonOfEveryExchange(observed, protocol, delivery);
    }, 120_000);

    it('keeps the digest when messages are dropped, duplicated, delayed and reordered, and reports what it survived (message delivery)', async () => {
      const observed = await run({ ticks: 6, delivery: 'message', protocol, faults: MESSAGE_FAULTS });
      expectUndisturbed(observed, 6);
      const report = observed.faultReport!;
      for (const kind of ['dropped', 'duplicated', 'delayed', 'reordered'] as const) expect(report.injected[kind]).toBeGreaterThan(0);
      // Every drop but a second drop of the same message is followed by its redelivery; copies are all accounted for.
      expect(report.survived.redeliveries).toBeGreaterThan(report.injected.dropped / 2);
      expect(report.survived.duplicatesDropped).toBeGreaterThan(0);
      expect(report.survived.duplicatesDropped + report.survived.duplicatesHandled).toBe(report.injected.duplicated);
      expect(report.events).toEqual([]);
      // The opmon records carry what each party saw: redeliveries after drops, copies that came first, delays.
      const codes = new Set(observed.opmon()!.records.flatMap((r) => r.faultCode?.split('+') ?? []));
      expect([...codes].sort()).toEqual(report.survived.duplicatesHandled > 0 ? ['copy', 'delayed', 'redelivered'] : ['delayed', 'redelivered']);
    }, 180_000);

    // Every event kind in one run, on the Redis the transport starts itself (a restart needs it; AOF is on).
    const events = [
      { fault: 'restart-redis' as const, tick: 1, downSeconds: 0.5 },
      { fault: 'kill-department' as const, tick: 2, department: 0 },
      { fault: 'cut-off' as const, tick: 3, department: 7, seconds: 2 },
      { fault: 'kill-hub' as const, tick: 4 },
    ];
    it('keeps the digest when Redis is restarted, a department process and the hub are killed (SIGKILL) and a department is cut off, mid-tick (tick delivery)', async () => {
      const observed = await faultRun({ scenario: 'workshop-small', seed: 3, ticks: 6, delivery: 'tick', protocol, faults: { events } });
      expectUndisturbed(observed, 6);
      const report = observed.faultReport!;
      // The two killed processes were restarted.
      expect(report.survived.restarts).toBe(2);
      expect(report.injected).toEqual({ dropped: 0, duplicated: 0, delayed: 0, reordered: 0 });
      const targets: Record<string, unknown> = {
        'restart-redis': expect.stringMatching(/redis/i),
        'kill-department': expect.stringMatching(/^departments 0-/),
        'cut-off': expect.stringMatching(/^departments \d+-\d+ for 2 s$/),
        'kill-hub': 'hub',
      };
      expect(report.events).toEqual(events.map((event) => ({ fault: event.fault, tick: event.tick, target: targets[event.fault], recoveryMs: expect.any(Number) })));
      // The cut-off's tick cannot complete before the process is continued.
      expect(report.events.find((event) => event.fault === 'cut-off')!.recoveryMs).toBeGreaterThanOrEqual(2000);
    }, 360_000);
  });
}
