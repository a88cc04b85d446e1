// Test fixture: the hub's and departments' endpoints wired in memory, delivering messages out of order and twice.
import { scenarioHash, type ExchangeResolver, type ExchangeRules, type RequestBatch } from '@silolab/engine';
import { canonicalJson, type Scenario } from '@silolab/model';
import { forEachOutcome } from './batch-columns';
import { DepartmentEndpoint, HubEndpoint, type HandedMessage, type TickSource } from './exchange-endpoints';
import { ExchangeWire, type WireRejection } from './exchange-wire';
import type { TickClosing } from './hub-desk';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from './identities';
import { OutcomeCollector } from './outcome-collector';
import type { RunContext, TickInputs } from './run-context';
import { contentHash, decodeState, encodeState } from './state-snapshot';
import { encodeOutgoing, type MessageSender, type WireFormat, type WireMessage } from './wire-format';
import { KeyRing } from '@silolab/protocol';
import type { Evidence, EvidenceSink, EvidenceSource } from './evidence-log';
import { Outgoing, requestsOf, type Parcel } from './exchange-rows';
import { PermissionGrants } from './permission-grants';
import type { ExchangeProtocol } from './protocols/exchange-protocol';
import { hubProtocol } from './protocols/hub.protocol';

/** Evidence kept in memory, as the Redis log keeps it: per tick, in the order written, as tick.batch.v2 bodies. */
class InMemoryEvidence implements EvidenceSink, EvidenceSource {
  private readonly ticks = new Map<number, Evidence[]>();
  /** Rows written by desks answering a request alone, stored at the next `stored()`. */
  private readonly waiting: Array<[string, Outgoing]> = [];

  async write(from: string, evidence: Outgoing): Promise<void> {
    const list = this.ticks.get(evidence.tick) ?? [];
    for (const message of encodeOutgoing(evidence, 'tick.batch.v2')) if (message.type === 'tick.batch.v2') list.push({ from, body: message.body });
    this.ticks.set(evidence.tick, list);
  }

  pending(from: string, tick: number, wire: ExchangeWire): Parcel {
    const rows = new Outgoing(tick, wire);
    this.waiting.push([from, rows]);
    return rows.to(HUB_IDENTITY);
  }

  async stored(): Promise<void> {
    for (const [from, rows] of this.waiting.splice(0)) await this.write(from, rows);
  }

  async read(tick: number) {
    return { evidence: [...(this.ticks.get(tick) ?? [])], rejected: [] };
  }
}

/** A message in flight: what the sender's adapter would sign and queue. */
type InFlight = WireMessage & { from: string; tick: number };

/** How the network delivers: which message in flight goes next, and how many times each is delivered. */
export interface DeliverySchedule {
  /** Index (0..inFlight−1) of the message to deliver next. */
  pick(inFlight: number): number;
  /** Copies of the picked message to deliver (≥ 1): a redelivery is a copy. */
  copies(): number;
}

/** Last in, first out, every message twice. */
export const LIFO_TWICE: DeliverySchedule = { pick: (inFlight) => inFlight - 1, copies: () => 2 };

/**
 * A resolver that runs the services' endpoints in memory, with the wire format of a real run (`message`,
 * `tick.batch.v1` or `tick.batch.v2`): the state crosses as an encoded snapshot and the scenario as JSON, as over
 * Redis; every message is encoded and decoded as on the wire, and delivered in the schedule's order and number of
 * copies (by default last-in first-out and each one twice), to show order and redelivery do not matter. Every rejection is collected. Only signing and queuing are left out.
 */
export class InMemoryNetwork implements ExchangeResolver {
  readonly name = 'in-memory-endpoints';
  readonly closings: TickClosing[] = [];
  readonly rejected: WireRejection[] = [];
  /** Messages delivered, by wire type. */
  readonly delivered = new Map<string, number>();
  hub: HubEndpoint | null = null;
  departments: DepartmentEndpoint | null = null;
  /** Hub restarts so far (see `restartHubAfter`). */
  hubRestarts = 0;
  /** Messages the hub has been handed, in order (its inbox's completed jobs, for a restarted hub's history). */
  private readonly handedToHub: HandedMessage[] = [];
  private deliveries = 0;
  /** Makes a hub whose history is what this network's hub has closed and been handed so far. */
  private newHub: (() => HubEndpoint) | null = null;
  private readonly inputs = new Map<number, TickInputs>();
  private readonly queue: InFlight[] = [];
  private openTick = -1;
  private requestsInTick = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly format: WireFormat = 'message',
    private readonly schedule: DeliverySchedule = LIFO_TWICE,
    /** Replace the hub by a new one, recovering from its history, after this many deliveries (as if killed). */
    private readonly restartHubAfter = Infinity,
    private readonly protocol: ExchangeProtocol = hubProtocol,
  ) {}

  async resolve(batch: RequestBatch, rules: ExchangeRules): Promise<void> {
    const tick = rules.tick;
    if (!this.hub) this.start(rules);
    if (tick !== this.openTick) {
      await this.closeOpenTick();
      const json = canonicalJson(rules.scenario);
      this.inputs.set(tick, { tick, scenario: JSON.parse(json), scenarioHash: contentHash(json), state: decodeState(encodeState(rules.state)) });
      this.openTick = tick;
      this.requestsInTick = 0;
      // A collecting protocol's hub issues the tick's permission grant before any request is sent.
      if (this.protocol.hub === 'collect') await this.hub!.openTick(tick, ORCHESTRATOR_IDENTITY);
    }
    const collector = new OutcomeCollector(batch, tick, this.protocol.reportsOutcome);
    // In batch formats the hub answers the chunk as a whole once it is announced; the announcement travels out of order too.
    if (this.format !== 'message' && batch.length > 0 && this.protocol.hub === 'route') this.post(ORCHESTRATOR_IDENTITY, tick, [{ to: HUB_IDENTITY, type: 'tick.chunk.v1', body: { first: batch.firstOrdinal, count: batch.length } }]);
    this.post(ORCHESTRATOR_IDENTITY, tick, encodeOutgoing(requestsOf(batch, tick, new ExchangeWire(rules.world)), this.format));
    while (this.queue.length > 0) {
      const [message] = this.queue.splice(this.schedule.pick(this.queue.length), 1);
      const copies = this.schedule.copies();
      for (let copy = 0; copy < copies; copy++) await this.deliver(message, collector);
    }
    collector.fill(rules);
    this.requestsInTick += batch.length;
  }

  /** Closes the open tick at the hub (the run's last tick is closed by the test). */
  async closeOpenTick(): Promise<void> {
    if (this.openTick >= 0) this.closings.push(await this.hub!.closeTick(this.openTick, ORCHESTRATOR_IDENTITY, this.requestsInTick));
    this.openTick = -1;
  }

  private start(rules: ExchangeRules): void {
    const context: RunContext = { ledgerRun: `${scenarioHash(this.scenario).slice(0, 12)}-s${rules.random.seed}`, seed: rules.random.seed, scenario: JSON.parse(JSON.stringify(this.scenario)) };
    const source: TickSource = { readContext: async () => context, readTick: async (tick) => this.inputs.get(tick)! };
    const sender: MessageSender = { send: async (from, outgoing, format) => this.post(from, outgoing.tick, encodeOutgoing(outgoing, format)), sendMessage: async (from, tick, message) => this.post(from, tick, [message]) };
    const reject = async (_identity: string, rejected: readonly WireRejection[]) => void this.rejected.push(...rejected);
    const history = { read: async () => ({ closings: [...this.closings], messages: [...this.handedToHub] }) };
    const stored = new Map<string, string>();
    const keys = KeyRing.fromSecret('in-memory network run secret', 'in-memory');
    const grants = () => new PermissionGrants({ get: async (key) => stored.get(key) ?? null, set: async (key, value) => stored.set(key, value) }, keys, 'in-memory');
    const evidence = new InMemoryEvidence();
    this.newHub = () => new HubEndpoint(HUB_IDENTITY, source, sender, reject, (value) => ({ ...value, sig: 'unsigned in memory' }), history, { protocol: this.protocol, grants: grants(), evidence });
    this.hub = this.newHub();
    this.departments = new DepartmentEndpoint(new Set(rules.world.departments.map((d) => d.index)), source, sender, reject, { protocol: this.protocol, grants: grants(), evidence });
  }

  private post(from: string, tick: number, messages: readonly WireMessage[]): void {
    // One shape for every message in flight, whatever its type (a spread of the many body types was most of this
    // network's own cost, which the redis bench's "exchange logic alone" should not count).
    for (const { to, type, body } of messages) this.queue.push({ to, type, body, from, tick } as InFlight);
  }

  /** Hands a message to its recipient as its Nest controller would. */
  private async deliver(message: InFlight, collector: OutcomeCollector): Promise<void> {
    if (++this.deliveries > this.restartHubAfter && this.hubRestarts === 0) {
      this.hubRestarts++;
      this.hub = this.newHub!();
    }
    this.delivered.set(message.type, (this.delivered.get(message.type) ?? 0) + 1);
    const { from, to, tick } = message;
    if (to === ORCHESTRATOR_IDENTITY) {
      const refused = (receipt: ReturnType<OutcomeCollector['accept']>) => void (receipt !== 'filled' && receipt !== 'duplicate' && receipt.code === 'impersonation' && this.rejected.push(receipt));
      if (message.type === 'exchange.outcome.v1') refused(collector.accept(tick, message.body, from));
      else if (message.type === 'tick.batch.v2' && message.body.kind === 'outcome') forEachOutcome(message.body, (ordinal, decision, reason) => refused(collector.acceptAt(tick, ordinal, decision, reason, from)));
      else if (message.type === 'tick.batch.v1') {
        for (const item of message.body.items) if (item.type === 'exchange.outcome.v1') refused(collector.accept(tick, item.body, from));
      } else throw new Error(`unexpected ${message.type} to the orchestrator`);
      return;
    }
    if (to === HUB_IDENTITY) {
      const hub = this.hub!;
      // Only a hub that will be restarted reads its history.
      if (this.restartHubAfter !== Infinity) this.handedToHub.push(message);
      if (message.type === 'exchange.request.v1') return hub.receiveRequest(tick, from, message.body);
      if (message.type === 'exchange.decision.v1') return hub.receiveDecision(tick, from, message.body);
      if (message.type === 'tick.batch.v1') return hub.receiveBatch(tick, from, message.body.items);
      if (message.type === 'tick.batch.v2') return hub.receiveColumns(tick, from, message.body);
      if (message.type === 'tick.chunk.v1') return hub.announceChunk(tick, from, message.body.first, message.body.count);
      throw new Error(`unexpected ${message.type} to the hub`);
    }
    const departments = this.departments!;
    if (message.type === 'exchange.request.v1') return departments.receiveRequest(tick, to, from, message.body);
    if (message.type === 'contract.negotiation.v1') return departments.receiveNegotiations(tick, to, from, [message.body]);
    if (message.type === 'tick.batch.v1') return departments.receiveBatch(tick, to, from, message.body.items);
    if (message.type === 'tick.batch.v2') return departments.receiveColumns(tick, to, from, message.body);
    throw new Error(`unexpected ${message.type} to ${to}`);
  }
}
