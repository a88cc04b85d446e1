// Baseline for benchmarks: SiloLab's exchange logic alone — the hub's and the departments' endpoints and desks, the
// orchestrator's outcome collector and the engine — in one process, without signing, envelopes or queues. Messages
// travel through the in-memory network the tests use (libs/exchange/src/in-memory-network.fixture.ts), each delivered
// once, last in first out (a pop: the network's own cost per message stays small). What it measures is what SiloLab's
// own code costs per message when nothing else runs between its steps; the redis bench prints it beside the
// transport layer alone, so SiloLab's cost over the signed layout can be split into its parts (docs/transport.md §7.10).
import { Simulation } from '@silolab/engine';
import type { Scenario } from '@silolab/model';
import { InMemoryNetwork, type DeliverySchedule } from '../../libs/exchange/src/in-memory-network.fixture';

/** Each message once, the last one queued first. */
const POP_ONCE: DeliverySchedule = { pick: (inFlight) => inFlight - 1, copies: () => 1 };

export interface ExchangeLogicResult {
  /** CPU µs of this process per message delivered (in `ticks.timed` ticks after `ticks.warmup`). */
  perMessageUs: number;
  /** CPU µs per exchange (request resolved). */
  perExchangeUs: number;
  /** Messages delivered per exchange (hops in `message` delivery). */
  messagesPerExchange: number;
}

/** Runs `scenario` in `message` delivery through the in-memory network: warm-up ticks untimed, then timed ones. */
export async function exchangeLogicAlone(scenario: Scenario, ticks: { warmup: number; timed: number }): Promise<ExchangeLogicResult> {
  const network = new InMemoryNetwork(scenario, 'message', POP_ONCE);
  const simulation = new Simulation(scenario, { ticks: ticks.warmup + ticks.timed, resolver: network });
  for (let tick = 0; tick < ticks.warmup; tick++) await simulation.step();
  const deliveredBefore = delivered(network);
  let exchanges = 0;
  const started = process.cpuUsage();
  for (let tick = 0; tick < ticks.timed; tick++) exchanges += (await simulation.step()).metrics.requests;
  const cpu = process.cpuUsage(started);
  const messages = delivered(network) - deliveredBefore;
  if (messages === 0 || exchanges === 0) throw new Error(`exchange logic alone: ${messages} messages for ${exchanges} exchanges in ${ticks.timed} ticks`);
  const us = cpu.user + cpu.system;
  return { perMessageUs: us / messages, perExchangeUs: us / exchanges, messagesPerExchange: messages / exchanges };
}

function delivered(network: InMemoryNetwork): number {
  let count = 0;
  for (const value of network.delivered.values()) count += value;
  return count;
}
