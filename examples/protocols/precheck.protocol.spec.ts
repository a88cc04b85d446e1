// The worked example in memory, as every protocol of the library is checked (libs/exchange/src/protocols/
// exchange-protocols.spec.ts): loaded as an operator loads it, it gives the in-process digest and every tick's ledger
// head in both wire formats with messages out of order and each delivered twice; a denied request never reaches its
// owner. The same module over Redis: test/protocol/precheck-example.e2e-spec.ts.
import { join } from 'node:path';
import { runSimulation } from '@silolab/engine';
import { exchangeProtocol, hopsOf, loadProtocolModules } from '@silolab/exchange';
import { loadScenarioFile } from '@silolab/runner';
import { InMemoryNetwork, LIFO_TWICE } from '../../libs/exchange/src/in-memory-network.fixture';

const ignore = () => undefined;

describe('the precheck example protocol', () => {
  beforeAll(() => loadProtocolModules(join(__dirname, 'precheck.protocol.ts')));

  it('is registered from its module, with two hops for a denied request and three for the rest', () => {
    expect(hopsOf(exchangeProtocol('precheck'))).toEqual({ allowed: 3, denied: 2, refused: 3 });
  });

  it.each(['message', 'tick.batch.v2'] as const)('gives the in-process digest and every tick’s ledger head in %s format, messages out of order and delivered twice', async (format) => {
    const scenario = loadScenarioFile('workshop-small').scenario;
    const expected = await runSimulation(scenario, { seed: 3, ticks: 8, onTick: ignore });
    const heads: string[] = [];
    const network = new InMemoryNetwork(scenario, format, LIFO_TWICE, Infinity, exchangeProtocol('precheck'));
    const result = await runSimulation(scenario, { seed: 3, ticks: 8, resolver: network, onTick: (tick) => heads.push(tick.ledgerHead) });
    await network.closeOpenTick();
    expect(result.digest).toBe(expected.digest);
    expect(network.closings.map((closing) => closing.head)).toEqual(heads);
    expect(network.closings.reduce((sum, closing) => sum + closing.records, 0)).toBe(result.exchanges);
    expect(network.rejected).toEqual([]);
  });

  it('answers a denied request at the requester: the owner gets only the allowed ones', async () => {
    const scenario = loadScenarioFile('workshop-small').scenario;
    const once = { pick: (inFlight: number) => inFlight - 1, copies: () => 1 };
    const network = new InMemoryNetwork(scenario, 'message', once, Infinity, exchangeProtocol('precheck'));
    let denied = 0;
    const result = await runSimulation(scenario, { seed: 5, ticks: 4, resolver: network, onTick: (tick) => (denied += tick.metrics.denied) });
    await network.closeOpenTick();
    expect(denied).toBeGreaterThan(0);
    // Requests: one orchestrator → requester per exchange, one requester → owner per allowed exchange.
    expect(network.delivered.get('exchange.request.v1')).toBe(2 * result.exchanges - denied);
    expect(network.delivered.get('exchange.outcome.v1')).toBe(result.exchanges);
  });
});
