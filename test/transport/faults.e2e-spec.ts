// Faults on the redis transport outside the conformance suite: a Redis restart refused when the transport does not own
// the Redis, and forged and malformed messages on the hub's queue. (Every fault kind under every protocol — message
// faults, Redis restarted with AOF on, processes killed, a department cut off: test/protocol/exchange-protocol.conformance.ts.)
import { faultRun as runWithFaults, type FaultArgs } from './support/transport-scenarios';

// In this process: the redis transport loads no NestJS here (only the services it starts do, from dist/).
function faultRun(args: Omit<FaultArgs, 'redisUrl'>) {
  const redisUrl = process.env.REDIS_URL_TEST;
  if (!redisUrl) throw new Error('REDIS_URL_TEST is not set (test/global-setup.js starts a Redis)');
  return runWithFaults({ ...args, redisUrl });
}

describe('the redis transport under faults', () => {
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
