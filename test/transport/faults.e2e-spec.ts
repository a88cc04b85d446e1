// Faults on the redis transport that need its own Redis (a restart with AOF on), a department cut off and the hub
// killed in message delivery, all in one run; and forged and malformed messages on the hub's queue.
// (Message faults and kills under every protocol: test/protocol/exchange-protocol.conformance.ts.)
import { faultRun as runWithFaults, type FaultArgs } from './support/transport-scenarios';
import { expectUndisturbed } from '../protocol/exchange-protocol.conformance';

// In this process: the redis transport loads no NestJS here (only the services it starts do, from dist/).
function faultRun(args: Omit<FaultArgs, 'redisUrl'>) {
  const redisUrl = process.env.REDIS_URL_TEST;
  if (!redisUrl) throw new Error('REDIS_URL_TEST is not set (test/global-setup.js starts a Redis)');
  return runWithFaults({ ...args, redisUrl });
}

describe('the redis transport under faults', () => {
  it('survives Redis restarted with AOF on, a department cut off for 2 s and the hub killed, mid-tick, with the undisturbed digest (message delivery)', async () => {
    // No redisUrl: the transport starts its own Redis, with AOF on because a restart is planned.
    const observed = await runWithFaults({
      scenario: 'workshop-small',
      seed: 3,
      ticks: 7,
      delivery: 'message',
      faults: {
        events: [
          { fault: 'restart-redis', tick: 1, downSeconds: 0.5 },
          { fault: 'cut-off', tick: 3, department: 7, seconds: 2 },
          { fault: 'kill-hub', tick: 5 },
        ],
      },
    });
    expectUndisturbed(observed, 7);
    const report = observed.faultReport!;
    expect(report.events.map((event) => [event.fault, event.tick])).toEqual([
      ['restart-redis', 1],
      ['cut-off', 3],
      ['kill-hub', 5],
    ]);
    expect(report.events[1].target).toMatch(/^departments \d+-\d+ for 2 s$/);
    // Each recovered: its tick completed, and the cut-off no sooner than the process was continued.
    for (const event of report.events) expect(event.recoveryMs).not.toBeNull();
    expect(report.events[1].recoveryMs).toBeGreaterThanOrEqual(2000);
    expect(report.survived.restarts).toBe(1);
    expect(report.injected).toEqual({ dropped: 0, duplicated: 0, delayed: 0, reordered: 0 });
  }, 180_000);

  it('refuses a Redis restart it cannot perform (a Redis it did not start), before starting anything', async () => {
    await expect(faultRun({ scenario: 'workshop-small', seed: 3, ticks: 2, delivery: 'tick', faults: { events: [{ fault: 'restart-redis', tick: 1 }] } })).rejects.toThrow(
      'faults.events[0]: restart-redis needs the Redis the transport starts itself',
    );
  }, 60_000);

  it('dead-letters a forged message (signed by another department) and a malformed one, and keeps the digest', async () => {
    const observed = await faultRun({ scenario: 'workshop-small', seed: 3, ticks: 8, delivery: 'message', forgeAtTick: 2 });
    expect(observed.deadLetterCounts).toEqual({ bad_signature: '1', bad_json: '1' });
    expect(observed.deadLetterJobs).toBe(2);
    expect(observed.digest).toBe(observed.inprocDigest);
    expect(observed.hubRecords).toBe(observed.exchanges);
  }, 300_000);
});
