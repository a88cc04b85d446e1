// The exchange use cases without Redis: the desks give the engine's outcomes, digest and ledger heads.
import { runSimulation } from '@silolab/engine';
import { loadScenarioFile } from '@silolab/runner';
import { applyOverrides } from '@silolab/model';
import { InMemoryNetwork } from './in-memory-network.fixture';
import { HUB_IDENTITY } from './identities';

const workshop = () => loadScenarioFile('workshop-small').scenario;
// Always pass onTick: runSimulation evaluates `options.onTick?.(await simulation.step())`, which skips the step
// (and loops forever) when onTick is absent.
const ignore = () => undefined;

describe('the hub and owner desks', () => {
  it('give the in-process digest and the engine ledger head of every tick, with messages out of order and delivered twice', async () => {
    const scenario = workshop();
    const expected = await runSimulation(scenario, { seed: 3, ticks: 12, onTick: ignore });
    const heads: string[] = [];
    const network = new InMemoryNetwork(scenario);
    const result = await runSimulation(scenario, { seed: 3, ticks: 12, resolver: network, onTick: (tick) => heads.push(tick.ledgerHead) });
    network.closeOpenTick();
    expect(result.digest).toBe(expected.digest);
    expect(network.closings.map((c) => c.head)).toEqual(heads);
    expect(network.closings.reduce((sum, c) => sum + c.records, 0)).toBe(result.exchanges);
    expect(network.rejected.filter((r) => r.code !== 'stale_tick')).toEqual([]);
  });

  it('follow interventions and digest-mode provenance like the engine', async () => {
    const base = applyOverrides(workshop(), { 'policies.provenance': 'digest' }, 'test');
    const scenario = { ...base, interventions: [{ at: 4, set: { 'policies.standards.adoption': 0.9, 'policies.catalogue.coverage': 1 } }] } as typeof base;
    const expected = await runSimulation(scenario, { seed: 5, ticks: 8, onTick: ignore });
    const network = new InMemoryNetwork(scenario);
    const result = await runSimulation(scenario, { seed: 5, ticks: 8, resolver: network, onTick: ignore });
    network.closeOpenTick();
    expect(result.digest).toBe(expected.digest);
    expect(network.closings.at(-1)!.head).toBe(expected.ledgerHead);
  });

  it('refuse a request sent to the hub under another department name, and a decision from a department that is not the owner', async () => {
    const scenario = workshop();
    const network = new InMemoryNetwork(scenario);
    await runSimulation(scenario, { seed: 3, ticks: 1, resolver: network, onTick: ignore });
    const hub = network.hub!;
    const forged = { requestId: 't0-a0-r1-d0', ordinal: 0, requester: 'public-security@district', owner: 'public-security@city', dataset: 'public-security@city/d0', purpose: 'exchange', application: '0' };
    const asOther = await hub.receiveRequests(0, 'd5', [forged]);
    expect(asOther.outgoing).toEqual([]);
    expect(asOther.rejected.map((r) => r.code)).toEqual(['impersonation']);
    const decision = await hub.receiveDecisions(0, 'd7', [{ requestId: 'nope', decision: 'share', reason: null }]);
    expect(decision.rejected.map((r) => r.code)).toEqual(['unknown_request']);
    expect(HUB_IDENTITY).toBe('hub');
  });
});
