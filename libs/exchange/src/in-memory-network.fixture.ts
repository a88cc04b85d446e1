// Test fixture: the hub and owner desks wired in memory, delivering messages out of order and twice.
import { scenarioHash, type ExchangeResolver, type ExchangeRules, type RequestBatch } from '@silolab/engine';
import { canonicalJson, type Scenario } from '@silolab/model';
import { departmentIdentity } from './department-identity';
import { ExchangeWire } from './exchange-wire';
import { HubDesk, type TickClosing } from './hub-desk';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from './identities';
import { OutcomeCollector } from './outcome-collector';
import type { DeskResult, OutgoingExchange } from './outgoing-message';
import { OwnerDesk } from './owner-desk';
import type { TickInputs } from './run-context';
import { contentHash, decodeState, encodeState } from './state-snapshot';
import { TickRulesBuilder, TickRulesCache } from './tick-rules';

type Envelope = OutgoingExchange & { from: string };

/**
 * A resolver that runs the desks in memory: the state crosses as an encoded snapshot and the scenario as JSON,
 * as over Redis; messages are delivered last-in first-out and each one twice, to show order and redelivery do not
 * matter. Every rejection is collected.
 */
export class InMemoryNetwork implements ExchangeResolver {
  readonly name = 'in-memory-desks';
  readonly closings: TickClosing[] = [];
  readonly rejected: DeskResult['rejected'] = [];
  hub: HubDesk | null = null;
  private owners: OwnerDesk | null = null;
  private readonly inputs = new Map<number, TickInputs>();
  private openTick = -1;
  private requestsInTick = 0;

  constructor(private readonly scenario: Scenario) {}

  async resolve(batch: RequestBatch, rules: ExchangeRules): Promise<void> {
    const tick = rules.tick;
    if (!this.hub) {
      const context = { ledgerRun: `${scenarioHash(this.scenario).slice(0, 12)}-s${rules.random.seed}`, seed: rules.random.seed, scenario: JSON.parse(JSON.stringify(this.scenario)) };
      const cache = new TickRulesCache(new TickRulesBuilder(context), async (t) => this.inputs.get(t)!);
      this.hub = new HubDesk(cache);
      this.owners = new OwnerDesk(cache, new Set(rules.world.departments.map((d) => d.index)));
    }
    if (tick !== this.openTick) {
      this.closeOpenTick();
      const json = canonicalJson(rules.scenario);
      this.inputs.set(tick, { tick, scenario: JSON.parse(json), scenarioHash: contentHash(json), state: decodeState(encodeState(rules.state)) });
      this.openTick = tick;
      this.requestsInTick = 0;
    }
    const wire = new ExchangeWire(rules.world);
    const collector = new OutcomeCollector(batch, tick);
    const queue: Envelope[] = [];
    for (let i = 0; i < batch.length; i++) {
      queue.push({ from: ORCHESTRATOR_IDENTITY, to: departmentIdentity(batch.requester[i]), type: 'exchange.request.v1', body: wire.requestBody(batch, i, tick) });
    }
    while (queue.length > 0) {
      const message = queue.pop()!;
      for (let copy = 0; copy < 2; copy++) {
        const result = await this.deliver(tick, message, collector);
        this.rejected.push(...result.rejected);
        queue.push(...result.outgoing.map((next) => ({ ...next, from: message.to })));
      }
    }
    collector.fill(rules);
    this.requestsInTick += batch.length;
  }

  /** Closes the open tick at the hub (the run's last tick is closed by the test). */
  closeOpenTick(): void {
    if (this.openTick >= 0) this.closings.push(this.hub!.closeTick(this.openTick, this.requestsInTick));
    this.openTick = -1;
  }

  private async deliver(tick: number, message: Envelope, collector: OutcomeCollector): Promise<DeskResult> {
    if (message.to === ORCHESTRATOR_IDENTITY) {
      if (message.type === 'exchange.outcome.v1') collector.accept(tick, message.body);
      return { outgoing: [], rejected: [] };
    }
    if (message.to === HUB_IDENTITY) {
      if (message.type === 'exchange.request.v1') return this.hub!.receiveRequests(tick, message.from, [message.body]);
      if (message.type === 'exchange.decision.v1') return this.hub!.receiveDecisions(tick, message.from, [message.body]);
      throw new Error(`unexpected ${message.type} to the hub`);
    }
    if (message.type !== 'exchange.request.v1') throw new Error(`unexpected ${message.type} to ${message.to}`);
    return message.from === ORCHESTRATOR_IDENTITY ? this.owners!.forward(tick, message.to, message.from, [message.body]) : this.owners!.decide(tick, message.to, message.from, [message.body]);
  }
}
