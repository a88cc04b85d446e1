// Permission grants: what the orchestrator reads to tell whether opening a tick must wait for the hub to issue one.
import { KeyRing } from '@silolab/protocol';
import { GRANT_VALIDITY_TICKS, PermissionGrants, type KeyValueStore } from './permission-grants';

const keys = KeyRing.fromSecret('grant test secret', 'grantrun0001');
const store = (): KeyValueStore & { values: Map<string, string> } => {
  const values = new Map<string, string>();
  return { values, get: async (key) => values.get(key) ?? null, set: async (key, value) => values.set(key, value) };
};

describe('PermissionGrants.covers', () => {
  it('is false until the hub has issued a grant, then true for the ticks and scenario it covers only', async () => {
    const redis = store();
    const orchestrator = new PermissionGrants(redis, keys, 'base');
    expect(await orchestrator.covers(3, 'scenario-a')).toBe(false);
    await new PermissionGrants(redis, keys, 'base').issue(3, 'scenario-a');
    for (let tick = 3; tick < 3 + GRANT_VALIDITY_TICKS; tick++) expect(await orchestrator.covers(tick, 'scenario-a')).toBe(true);
    expect(await orchestrator.covers(3 + GRANT_VALIDITY_TICKS, 'scenario-a')).toBe(false);
    expect(await orchestrator.covers(2, 'scenario-a')).toBe(false);
    // An intervention changes the scenario: the hub must issue a new grant.
    expect(await orchestrator.covers(4, 'scenario-b')).toBe(false);
  });

  it('reads the store again once its cached grant no longer covers the tick, and finds the hub\'s next grant', async () => {
    const redis = store();
    const hub = new PermissionGrants(redis, keys, 'base');
    const orchestrator = new PermissionGrants(redis, keys, 'base');
    await hub.issue(0, 'scenario-a');
    expect(await orchestrator.covers(0, 'scenario-a')).toBe(true);
    const reads = orchestrator.reads;
    expect(await orchestrator.covers(1, 'scenario-a')).toBe(true);
    expect(orchestrator.reads).toBe(reads);
    await hub.issue(GRANT_VALIDITY_TICKS, 'scenario-a');
    expect(await orchestrator.covers(GRANT_VALIDITY_TICKS, 'scenario-a')).toBe(true);
    expect(orchestrator.reads).toBe(reads + 1);
  });

  it('does not take a grant the hub did not sign', async () => {
    const redis = store();
    await new PermissionGrants(redis, KeyRing.fromSecret('another run secret entirely', 'grantrun0001'), 'base').issue(0, 'scenario-a');
    await expect(new PermissionGrants(redis, keys, 'base').covers(0, 'scenario-a')).rejects.toThrow(/not signed by hub/);
  });
});
