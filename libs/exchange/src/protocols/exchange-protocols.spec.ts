// Every registered protocol, without Redis: the endpoints give the engine's digest and ledger heads, whatever the order
// of delivery and however often a message is redelivered (the Redis conformance suite is test/protocol).
import { runSimulation } from '@silolab/engine';
import { loadScenarioFile } from '@silolab/runner';
import { InMemoryNetwork, LIFO_TWICE } from '../in-memory-network.fixture';
import { directProtocol } from './direct.protocol';
import { hopsOf } from './exchange-protocol';
import { hubProtocol } from './hub.protocol';
import { negotiatedProtocol } from './negotiated.protocol';
import { exchangeProtocol, protocolNames, registerProtocol } from './protocol-registry';

const workshop = () => loadScenarioFile('workshop-small').scenario;
const ignore = () => undefined;

describe('exchange protocols', () => {
  it('registers hub, direct and negotiated, and refuses an unknown name or a second protocol of the same name', () => {
    expect(protocolNames()).toEqual(expect.arrayContaining(['hub', 'direct', 'negotiated']));
    expect(exchangeProtocol('direct')).toBe(directProtocol);
    expect(exchangeProtocol('negotiated')).toBe(negotiatedProtocol);
    expect(() => exchangeProtocol('relay')).toThrow(/protocol: expected one of hub, direct, negotiated.*got "relay"/);
    expect(() => registerProtocol(hubProtocol)).toThrow(/already registered/);
    expect(() => registerProtocol({ ...hubProtocol, name: 'Hub 2' })).toThrow(/lowercase letters/);
  });

  it('direct takes fewer hops than hub for an allowed request, negotiated more', () => {
    expect(hopsOf(hubProtocol)).toEqual({ allowed: 5, denied: 3, refused: 5 });
    expect(hopsOf(directProtocol)).toEqual({ allowed: 3, denied: 3, refused: 3 });
    expect(hopsOf(negotiatedProtocol)).toEqual({ allowed: 8, denied: 4, refused: 6 });
  });

  describe.each(protocolNames())('%s', (name) => {
    it.each(['message', 'tick.batch.v2'] as const)('gives the in-process digest and every tick’s ledger head in %s format, messages out of order and delivered twice', async (format) => {
      const scenario = workshop();
      const expected = await runSimulation(scenario, { seed: 3, ticks: 8, onTick: ignore });
      const heads: string[] = [];
      const network = new InMemoryNetwork(scenario, format, LIFO_TWICE, Infinity, exchangeProtocol(name));
      const result = await runSimulation(scenario, { seed: 3, ticks: 8, resolver: network, onTick: (tick) => heads.push(tick.ledgerHead) });
      await network.closeOpenTick();
      expect(result.digest).toBe(expected.digest);
      expect(network.closings.map((c) => c.head)).toEqual(heads);
      expect(network.closings.reduce((sum, c) => sum + c.records, 0)).toBe(result.exchanges);
      expect(network.rejected).toEqual([]);
    });
  });

  it('direct: no message passes through the hub; the hub chains the ledger from both ends’ evidence', async () => {
    const scenario = workshop();
    const once = { pick: (inFlight: number) => inFlight - 1, copies: () => 1 };
    const network = new InMemoryNetwork(scenario, 'message', once, Infinity, directProtocol);
    const result = await runSimulation(scenario, { seed: 5, ticks: 4, resolver: network, onTick: ignore });
    await network.closeOpenTick();
    expect([...network.delivered.keys()].sort()).toEqual(['exchange.outcome.v1', 'exchange.request.v1']);
    // Two requests per exchange (orchestrator → requester → owner) and one outcome (owner → orchestrator): three hops.
    expect(network.delivered.get('exchange.request.v1')).toBe(2 * result.exchanges);
    expect(network.delivered.get('exchange.outcome.v1')).toBe(result.exchanges);
    expect(network.closings.reduce((sum, c) => sum + c.records, 0)).toBe(result.exchanges);
  });

  it('negotiated: every exchange is a contract negotiation between its two departments, as many steps as its outcome needs, none through the hub', async () => {
    const scenario = workshop();
    const once = { pick: (inFlight: number) => inFlight - 1, copies: () => 1 };
    const network = new InMemoryNetwork(scenario, 'message', once, Infinity, negotiatedProtocol);
    const totals = { denied: 0, refused: 0, completed: 0 };
    const result = await runSimulation(scenario, {
      seed: 5,
      ticks: 4,
      resolver: network,
      onTick: ({ metrics }) => {
        totals.denied += metrics.denied;
        totals.refused += metrics.refused;
        totals.completed += metrics.shared + metrics.failedTransfers;
      },
    });
    await network.closeOpenTick();
    expect([...network.delivered.keys()].sort()).toEqual(['contract.negotiation.v1', 'exchange.outcome.v1', 'exchange.request.v1']);
    // REQUESTED, TERMINATED (denied); REQUESTED … ACCEPTED, TERMINATED (refused); REQUESTED … VERIFIED, FINALIZED or TERMINATED.
    expect(network.delivered.get('contract.negotiation.v1')).toBe(2 * totals.denied + 4 * totals.refused + 6 * totals.completed);
    expect(totals.denied * totals.refused * totals.completed).toBeGreaterThan(0);
    expect(network.delivered.get('exchange.request.v1')).toBe(result.exchanges);
    expect(network.delivered.get('exchange.outcome.v1')).toBe(result.exchanges);
    expect(network.closings.reduce((sum, c) => sum + c.records, 0)).toBe(result.exchanges);
    expect(network.rejected).toEqual([]);
  });
});
