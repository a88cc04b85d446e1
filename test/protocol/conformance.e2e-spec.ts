// Transport conformance over Redis: every event reaches its addressee exactly once.
import { runNestScenario } from './support/run-nest-scenario';

describe('BullMQ transport conformance', () => {
  it('delivers 1,000 events across 3 consumer identities exactly once each, even when 100 are emitted twice', async () => {
    const events = 1000;
    const { received } = await runNestScenario<{ received: Record<string, string[]> }>('conformance', { events, duplicates: 100 });
    const identities = ['dept-a', 'dept-b', 'hub'];
    identities.forEach((identity, slot) => {
      const expected = Array.from({ length: events }, (_unused, index) => index)
        .filter((index) => index % 3 === slot)
        .map((index) => `exchange.outcome.v1:r${index}`);
      expect([...received[identity]].sort()).toEqual(expected.sort());
    });
    expect(Object.values(received).flat()).toHaveLength(events);
  });
});
