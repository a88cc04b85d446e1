// Faults on the redis transport: a department process or the hub killed mid-run, forged and malformed messages on the hub's queue.
import { faultRun as runWithFaults, type FaultArgs } from './support/transport-scenarios';

// In this process: the redis transport loads no NestJS here (only the services it starts do, from dist/).
function faultRun(args: Omit<FaultArgs, 'redisUrl'>) {
  const redisUrl = process.env.REDIS_URL_TEST;
  if (!redisUrl) throw new Error('REDIS_URL_TEST is not set (test/global-setup.js starts a Redis)');
  return runWithFaults({ ...args, redisUrl });
}

describe('the redis transport under faults', () => {
  it.each([
    { kill: 'department', delivery: 'tick' },
    { kill: 'hub', delivery: 'tick' },
    { kill: 'hub', delivery: 'message' },
  ] as const)('completes with the undisturbed digest when the $kill process is killed (SIGKILL) mid-run and restarted ($delivery delivery)', async ({ kill, delivery }) => {
    // A restarted department process takes up its inboxes; a restarted hub first recovers from its own (§5).
    const observed = await faultRun({ scenario: 'workshop-small', seed: 3, ticks: 10, delivery, killAtTick: 4, kill });
    expect(observed.killedPid).toBeGreaterThan(0);
    expect(observed.restarts).toBeGreaterThanOrEqual(1);
    expect(observed.digest).toBe(observed.inprocDigest);
    expect(observed.hubRecords).toBe(observed.exchanges);
    expect(observed.ticksClosed).toBe(10);
  }, 300_000);

  it('dead-letters a forged message (signed by another department) and a malformed one, and keeps the digest', async () => {
    const observed = await faultRun({ scenario: 'workshop-small', seed: 3, ticks: 8, delivery: 'message', forgeAtTick: 2 });
    expect(observed.deadLetterCounts).toEqual({ bad_signature: '1', bad_json: '1' });
    expect(observed.deadLetterJobs).toBe(2);
    expect(observed.digest).toBe(observed.inprocDigest);
    expect(observed.hubRecords).toBe(observed.exchanges);
  }, 300_000);
});
