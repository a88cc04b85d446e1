// The benchmark's "exchange logic alone": SiloLab's endpoints and desks in one process, timed over the ticks after the
// warm-up. Each exchange of the `hub` protocol is five messages when the hub allows it and three when it denies it, so
// the messages it counts per exchange must be exactly what the engine's own run of the same ticks says.
import { hopsOf, hubProtocol } from '@silolab/exchange';
import { Simulation } from '@silolab/engine';
import { loadScenarioFile } from '@silolab/runner';
import { exchangeLogicAlone } from '../../bench/protocol/exchange-logic';

describe('exchange logic alone (bench)', () => {
  it('counts the messages of the timed ticks only, as many per exchange as the hub protocol routes', async () => {
    const scenario = loadScenarioFile('workshop-small').scenario;
    const ticks = { warmup: 3, timed: 2 };
    const result = await exchangeLogicAlone(scenario, ticks);
    // The same ticks in process: which requests the hub denies (three hops) and which it lets through (five).
    const hops = hopsOf(hubProtocol);
    const reference = new Simulation(scenario, { ticks: ticks.warmup + ticks.timed });
    let messages = 0;
    let exchanges = 0;
    for (let tick = 0; tick < ticks.warmup + ticks.timed; tick++) {
      const { metrics } = await reference.step();
      if (tick < ticks.warmup) continue;
      messages += hops.allowed * (metrics.requests - metrics.denied) + hops.denied * metrics.denied;
      exchanges += metrics.requests;
    }
    expect(exchanges).toBeGreaterThan(0);
    expect(result.messagesPerExchange).toBeCloseTo(messages / exchanges, 10);
    expect(result.perMessageUs).toBeGreaterThan(0);
    expect(result.perExchangeUs).toBeCloseTo(result.perMessageUs * result.messagesPerExchange, 6);
  });
});
