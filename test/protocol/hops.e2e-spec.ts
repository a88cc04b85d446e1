// The benchmark's measured functions: raw BullMQ hops and the same hops through SiloLab's Nest transport.
import { runNestScenario } from './support/run-nest-scenario';

interface HopsSeen {
  arrivals: string[];
  latencies: number;
  negativeLatencies: number;
  elapsedMs: number;
}

const expectedKeys = (messages: number) => Array.from({ length: messages }, (_unused, index) => `m${index}`).sort();

describe.each(['raw', 'nest'] as const)('%s hops', (kind) => {
  it.each([
    { hops: 3, messages: 120, batch: 1 },
    { hops: 2, messages: 205, batch: 10 },
  ])('deliver every message exactly once through $hops hops with $batch per job', async ({ hops, messages, batch }) => {
    const seen = await runNestScenario<HopsSeen>('hops', { kind, hops, messages, batch });
    expect([...seen.arrivals].sort()).toEqual(expectedKeys(messages));
    expect(seen.latencies).toBe(messages);
    expect(seen.negativeLatencies).toBe(0);
    expect(seen.elapsedMs).toBeGreaterThan(0);
  });
});
