// What the hub and department processes do with a decoded message: call the desk, report rejections, send on.
import type Redis from 'ioredis';
import * as model from '@silolab/model';
import type { ContractNegotiationV1Body, ExchangeDecisionV1Body, ExchangeRequestV1Body, TickBatchV1Item, TickBatchV2Body } from '@silolab/protocol';
import { decodeDecisionColumns, decodeRequestColumns, forEachOutcome } from './batch-columns';
import type { EvidenceSink, EvidenceSource } from './evidence-log';
import type { PermissionGrants } from './permission-grants';
import type { DepartmentDesk, ExchangeProtocol } from './protocols/exchange-protocol';
import { hubProtocol } from './protocols/hub.protocol';
import { isRejection, type ExchangeWire, type WireRejection } from './exchange-wire';
import { HubDesk, type SignedTickClosing, type TickClosing } from './hub-desk';
import { rejectAll } from './owner-desk';
import { HubTimings, type HandledMessage } from './hub-timings';
import { ORCHESTRATOR_IDENTITY } from './identities';
import { DecisionRows, NegotiationRows, Parcel, RequestRows } from './exchange-rows';
import { decodeNegotiationBodies, decodeNegotiationColumns } from './protocols/negotiation-wire';
import type { DepartmentDeskResult } from './protocols/exchange-protocol';
import type { MessageSender, WireFormat, WireMessage } from './wire-format';
import { TickRulesBuilder, TickRulesCache, type TickRules } from './tick-rules';
import { decodeDecisionBodies, decodeDecisionBody, decodeRequestBodies, decodeRequestBody } from './v1-messages';
import type { RunContext, TickInputs } from './run-context';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { DECISION } = model;

/** Where a service reads the run context and each tick's published inputs (TickStore in Redis, memory in tests). */
export interface TickSource {
  readContext(): Promise<RunContext>;
  readTick(tick: number): Promise<TickInputs>;
}

/** Where endpoints report what they refused: a log line and a per-identity count in Redis. */
export interface RejectionSink {
  (identity: string, rejected: readonly WireRejection[]): Promise<void>;
}

/**
 * A rejection sink that warns and counts by code in `${base}:${identity}.rejections` (hash code → count), next to
 * the transport's dead-letter counts: those are messages that never reached a handler, these are authenticated
 * messages whose content a desk refused to judge.
 */
export function countRejections(redis: Redis, base: string, warn: (line: string) => void): RejectionSink {
  return async (identity, rejected) => {
    for (const rejection of rejected) {
      warn(`${identity} rejected ${rejection.code}: ${rejection.detail}`);
      await redis.hincrby(`${base}:${identity}.rejections`, rejection.code, 1);
    }
  };
}

/**
 * The rules cache of a service, made once the run context can be read (the first message of the run). A message's
 * handler reads a tick's rules with `builtFor(tick) ?? (await forTick(tick))`: without an await once they are built
 * (each await is a promise, and every message would pay it).
 */
class LazyRules {
  private cache: Promise<TickRulesCache> | null = null;
  private made: TickRulesCache | null = null;

  constructor(private readonly store: TickSource) {}

  get(): Promise<TickRulesCache> {
    if (!this.cache) {
      const making = this.store.readContext().then((context) => (this.made = new TickRulesCache(new TickRulesBuilder(context), (tick) => this.store.readTick(tick))));
      making.catch(() => (this.cache = null));
      this.cache = making;
    }
    return this.cache;
  }

  async forTick(tick: number): Promise<TickRules> {
    return (await this.get()).rulesFor(tick);
  }

  builtFor(tick: number): TickRules | undefined {
    return this.made?.builtFor(tick);
  }

  /** The wire mapping of `tick`'s world. */
  async wireFor(tick: number): Promise<ExchangeWire> {
    return (this.builtFor(tick) ?? (await this.forTick(tick))).wire;
  }
}

/** A message decoded into rows (each kind made when first written, as in a parcel), with the items refused while decoding. */
class Decoded extends Parcel {
  readonly rejected: WireRejection[] = [];
}

/** Splits a batch's items by wire type. */
function itemsOf(items: readonly TickBatchV1Item[]): { requests: ExchangeRequestV1Body[]; decisions: ExchangeDecisionV1Body[] } {
  const requests: ExchangeRequestV1Body[] = [];
  const decisions: ExchangeDecisionV1Body[] = [];
  for (const item of items) {
    if (item.type === 'exchange.request.v1') requests.push(item.body);
    else if (item.type === 'exchange.decision.v1') decisions.push(item.body);
  }
  return { requests, decisions };
}

/** The rows of `exchange.request.v1` / `exchange.decision.v1` bodies to the hub, with what their decoding refused. */
function decodeBodies(hub: HubDesk, tick: number, wire: ExchangeWire, requests: readonly ExchangeRequestV1Body[], decisions: readonly ExchangeDecisionV1Body[]): Decoded {
  const decoded = new Decoded();
  if (requests.length > 0) decodeRequestBodies(requests, tick, wire, decoded.requests, decoded.rejected);
  if (decisions.length > 0) decodeDecisionBodies(decisions, tick, hub, decoded.decisions, decoded.rejected);
  return decoded;
}

/** Sends, as `identity`, the one message a message alone leads to, or reports why it was refused. */
function answerAlone(identity: string, tick: number, answer: WireMessage | WireRejection, outboxes: MessageSender, reject: RejectionSink): Promise<unknown> {
  return isRejection(answer) ? reject(identity, [answer]) : outboxes.sendMessage(identity, tick, answer);
}

/** A message the hub was handed: sender, tick, wire type and body (as its envelope carried them, authenticated). */
export type HandedMessage = WireMessage & { from: string; tick: number };

/** How a message to the hub came: one per exchange, or a batch. */
function formatOf(message: HandedMessage): WireFormat {
  return message.type === 'tick.batch.v1' || message.type === 'tick.batch.v2' ? message.type : 'message';
}

/** Whether a message to the hub can carry requests or decisions (tick.batch.v1 either). */
function carries(message: HandedMessage, what: 'requests' | 'decisions'): boolean {
  if (message.type === 'tick.batch.v1') return true;
  if (message.type === 'tick.batch.v2') return message.body.kind === (what === 'requests' ? 'request' : 'decision');
  return message.type === (what === 'requests' ? 'exchange.request.v1' : 'exchange.decision.v1');
}

/**
 * What the hub did before it (re)started, read once when it takes its first message: its closing replies (its own,
 * signature checked by the reader) and the exchange messages it had taken or was taking (BullMQ's completed and active
 * jobs of its inbox). Empty at a run's start.
 */
export interface HubHistory {
  read(): Promise<{ closings: TickClosing[]; messages: HandedMessage[] }>;
}

/** No history: a hub that starts with the run. */
export const NO_HUB_HISTORY: HubHistory = { read: async () => ({ closings: [], messages: [] }) };

/** Signs a reply as the hub (HMAC under its key, `sig` last), since `send` replies are not envelopes. */
export type ReplySigner = <T extends object>(value: T) => T & { sig: string };

/**
 * What a protocol's endpoints need besides the transport: the protocol (default `hub`), and for protocols whose hub
 * collects (`direct`), the permission grants and the evidence log.
 */
export interface ProtocolParts {
  protocol: ExchangeProtocol;
  grants?: PermissionGrants;
  evidence?: EvidenceSink & EvidenceSource;
}

/** The parts a collecting protocol cannot run without, checked once. */
function collectingParts(parts: ProtocolParts): Required<ProtocolParts> | null {
  if (parts.protocol.hub !== 'collect') return null;
  if (!parts.grants || !parts.evidence) throw new Error(`protocol ${parts.protocol.name}: needs permission grants and an evidence log`);
  return parts as Required<ProtocolParts>;
}

/** The hub process's endpoint: one HubDesk for the run, signing as `hub`. */
export class HubEndpoint {
  private readonly collecting: Required<ProtocolParts> | null;
  private desk: Promise<HubDesk> | null = null;
  /** The desk once recovered (read without an await on every message). */
  private deskNow: HubDesk | null = null;
  private readonly rules: LazyRules;
  /** Queue wait and handling time of the messages handled, per tick (reported when the tick closes). */
  readonly timings = new HubTimings();

  constructor(
    private readonly identity: string,
    store: TickSource,
    private readonly outboxes: MessageSender,
    private readonly reject: RejectionSink,
    private readonly signReply: ReplySigner,
    private readonly history: HubHistory = NO_HUB_HISTORY,
    parts: ProtocolParts = { protocol: hubProtocol },
  ) {
    this.rules = new LazyRules(store);
    this.collecting = collectingParts(parts);
  }

  private hub(): Promise<HubDesk> {
    this.desk ??= this.rules.get().then(async (rules) => (this.deskNow = await this.recover(rules)));
    this.desk.catch(() => (this.desk = null));
    return this.desk;
  }

  /**
   * The hub's desk, rebuilt from its history after a restart: the ledger continues from the last tick it closed, and
   * every message of a later tick it had taken is taken again — chunk announcements, then requests, then decisions —
   * sending nothing (what those messages sent is already queued; a job that was active re-runs, finds its requests
   * held and sends the same again).
   */
  private async recover(rules: TickRulesCache): Promise<HubDesk> {
    const { closings, messages } = await this.history.read();
    const last = closings.reduce<TickClosing | undefined>((latest, closing) => (latest === undefined || closing.tick > latest.tick ? closing : latest), undefined);
    const desk = new HubDesk(rules, last);
    const open = messages.filter((message) => last === undefined || message.tick > last.tick);
    for (const message of open) if (message.type === 'tick.chunk.v1' && message.from === ORCHESTRATOR_IDENTITY) await desk.announceChunk(message.tick, message.body.first, message.body.count);
    // Decisions name requests the first pass has taken, so a message carrying both (tick.batch.v1) is decoded twice.
    for (const message of open.filter((m) => carries(m, 'requests'))) {
      await desk.receiveRequests(message.tick, message.from, (await this.decodeMessage(desk, message)).requests, formatOf(message));
    }
    for (const message of open.filter((m) => carries(m, 'decisions'))) {
      await desk.receiveDecisions(message.tick, message.from, (await this.decodeMessage(desk, message)).decisions, formatOf(message));
    }
    return desk;
  }

  /** The rows of a message to the hub (requests and decisions), with what its decoding refused. */
  private async decodeMessage(hub: HubDesk, message: HandedMessage): Promise<Decoded> {
    const decoded = new Decoded();
    const { tick } = message;
    if (message.type === 'tick.batch.v2') {
      if (message.body.kind === 'request') decodeRequestColumns(message.body, tick, await this.rules.wireFor(tick), decoded.requests, decoded.rejected);
      else if (message.body.kind === 'decision') decodeDecisionColumns(message.body, tick, decoded.decisions, decoded.rejected);
      return decoded;
    }
    if (message.type === 'tick.batch.v1') {
      const { requests, decisions } = itemsOf(message.body.items);
      return decodeBodies(hub, tick, await this.rules.wireFor(tick), requests, decisions);
    }
    if (message.type === 'exchange.request.v1') return decodeBodies(hub, tick, await this.rules.wireFor(tick), [message.body], []);
    if (message.type === 'exchange.decision.v1') return decodeBodies(hub, tick, await this.rules.wireFor(tick), [], [message.body]);
    return decoded;
  }

  /**
   * One `exchange.request.v1` from a requester department (`message` delivery): checked, then the request to its owner
   * or, denied, its outcome to the orchestrator. No rows: one message in, one out (docs/transport.md §7.12).
   */
  async receiveRequest(tick: number, from: string, body: ExchangeRequestV1Body): Promise<void> {
    const hub = this.deskNow ?? (await this.hub());
    const rules = this.rules.builtFor(tick) ?? (await this.rules.forTick(tick));
    const request = decodeRequestBody(body, tick, rules.wire);
    await answerAlone(this.identity, tick, isRejection(request) ? request : hub.request(tick, from, request, rules), this.outboxes, this.reject);
  }

  /** One `exchange.decision.v1` from an owner (`message` delivery): a share transferred, and the outcome to the orchestrator. */
  async receiveDecision(tick: number, from: string, body: ExchangeDecisionV1Body): Promise<void> {
    const hub = this.deskNow ?? (await this.hub());
    const rules = this.rules.builtFor(tick) ?? (await this.rules.forTick(tick));
    const decision = decodeDecisionBody(body, tick, hub);
    await answerAlone(this.identity, tick, isRejection(decision) ? decision : hub.decision(tick, from, decision, rules), this.outboxes, this.reject);
  }


  /** A `tick.batch.v1` from a department: its requests (as requester) and decisions (as owner). */
  async receiveBatch(tick: number, from: string, items: readonly TickBatchV1Item[]): Promise<void> {
    const hub = await this.hub();
    const { requests, decisions } = itemsOf(items);
    return this.handle(hub, tick, from, decodeBodies(hub, tick, await this.rules.wireFor(tick), requests, decisions), 'tick.batch.v1');
  }

  /** A columnar `tick.batch.v2` from a department: its requests (as requester) or decisions (as owner). */
  async receiveColumns(tick: number, from: string, body: TickBatchV2Body): Promise<void> {
    if (body.kind === 'outcome') {
      await this.reject(this.identity, [{ requestId: '-', code: 'not_addressed_here', detail: `tick.batch.v2 of ${body.kind}s from ${from}: the hub takes only requests and decisions` }]);
      return;
    }
    const hub = await this.hub();
    return this.handle(hub, tick, from, await this.decodeMessage(hub, { to: this.identity, from, tick, type: 'tick.batch.v2', body }), 'tick.batch.v2');
  }

  private async handle(hub: HubDesk, tick: number, from: string, decoded: Decoded, format: WireFormat): Promise<void> {
    const fromRequests = decoded.count('requests') > 0 ? await hub.receiveRequests(tick, from, decoded.requests, format) : null;
    const fromDecisions = decoded.count('decisions') > 0 ? await hub.receiveDecisions(tick, from, decoded.decisions, format) : null;
    const rejected = decoded.rejected;
    if (fromRequests) rejected.push(...fromRequests.rejected);
    if (fromDecisions) rejected.push(...fromDecisions.rejected);
    if (rejected.length > 0) await this.reject(this.identity, rejected);
    if (fromRequests) await this.outboxes.send(this.identity, fromRequests.outgoing, format);
    if (fromDecisions) await this.outboxes.send(this.identity, fromDecisions.outgoing, format);
  }

  /** `tick.open.v1` from the orchestrator: loads the tick's rules before its first request arrives. */
  async openTick(tick: number, from: string): Promise<{ tick: number; open: boolean }> {
    if (from !== ORCHESTRATOR_IDENTITY) throw new Error(`tick.open ${tick}: only ${ORCHESTRATOR_IDENTITY} opens ticks, not ${from}`);
    const { scenarioHash } = await this.rules.forTick(tick);
    if (this.collecting) await this.collecting.grants.issue(tick, scenarioHash);
    return { tick, open: true };
  }

  /**
   * `tick.chunk.v1` from the orchestrator: the requests first … first + count − 1 of `tick` are coming in batches, to be
   * answered as a whole (HubDesk); loads the tick's rules, and answers the chunk now if its requests are all here.
   */
  async announceChunk(tick: number, from: string, first: number, count: number): Promise<void> {
    if (from !== ORCHESTRATOR_IDENTITY) {
      await this.reject(this.identity, [{ requestId: '-', code: 'impersonation', detail: `tick.chunk ${tick}: only ${ORCHESTRATOR_IDENTITY} announces chunks, not ${from}` }]);
      return;
    }
    const { outgoing, rejected, format } = await (await this.hub()).announceChunk(tick, first, count);
    await this.reject(this.identity, rejected);
    await this.outboxes.send(this.identity, outgoing, format);
  }

  /**
   * A collecting protocol's evidence of `tick`, taken into the hub's book before the tick is chained: the requests
   * each requester signed it sent (the permission check runs on them here, as when the hub routes), then the outcomes
   * each owner signed, fed to the book as the owner's decisions (the hub transfers as when it routes). An owner's
   * outcome that differs from the book's is refused as `conflicting_outcome`; the book's stands, so the ledger head
   * then differs from the orchestrator's and the run fails. A closed tick's evidence is not read again.
   */
  private async collect(hub: HubDesk, tick: number, log: EvidenceSource): Promise<void> {
    if (hub.isClosed(tick)) return;
    const { evidence, rejected } = await log.read(tick);
    const wire = await this.rules.wireFor(tick);
    for (const { from, body } of evidence) {
      if (body.kind !== 'request') continue;
      const rows = new RequestRows();
      decodeRequestColumns(body, tick, wire, rows, rejected);
      rejected.push(...(await hub.receiveRequests(tick, from, rows)).rejected);
    }
    for (const { from, body } of evidence) {
      if (body.kind !== 'outcome') continue;
      const decisions = new DecisionRows();
      const claims: Array<[number, number, number]> = [];
      forEachOutcome(body, (ordinal, decision, reason) => {
        claims.push([ordinal, decision, reason]);
        if (decision === DECISION.refused) decisions.push(ordinal, -1, -1, -1, 0, reason);
        else if (decision !== DECISION.denied) decisions.push(ordinal, -1, -1, -1, 1, -1);
      });
      rejected.push(...(await hub.receiveDecisions(tick, from, decisions)).rejected);
      for (const [ordinal, decision, reason] of claims) {
        const held = hub.outcomeAt(tick, ordinal);
        if (held && (held.decision !== decision || held.reason !== reason)) {
          rejected.push({ requestId: `#${ordinal}`, code: 'conflicting_outcome', detail: `evidence of tick ${tick} from ${from}: #${ordinal} is ${decision}/${reason} there, ${held.decision}/${held.reason} by the rules` });
        }
      }
    }
    await this.reject(this.identity, rejected);
  }

  /**
   * Records the queue wait and handling time of a message the transport handled, under its tick (every type but
   * `tick.close.v1`, whose reply carries the record). The inbox's record is read as it is.
   */
  recordHandled(handled: HandledMessage & { envelope: { type: string; tick: number } }): void {
    if (handled.envelope.type !== 'tick.close.v1') this.timings.record(handled.envelope.tick, handled);
  }

  /**
   * `tick.close.v1` from the orchestrator: chains the tick's records and replies, signed as the hub, with the ledger
   * head and the tick's operational record (messages handled, queue wait and handling percentiles).
   */
  async closeTick(tick: number, from: string, expected: number | undefined): Promise<SignedTickClosing> {
    if (from !== ORCHESTRATOR_IDENTITY) throw new Error(`tick.close ${tick}: only ${ORCHESTRATOR_IDENTITY} closes ticks, not ${from}`);
    const hub = await this.hub();
    if (this.collecting) await this.collect(hub, tick, this.collecting.evidence);
    const closing = hub.closeTick(tick, expected);
    return this.signReply({ ...closing, transport: this.timings.take(tick) });
  }
}

/** A department process's endpoint: one desk of the run's protocol for the departments it hosts, signing as each of them. */
export class DepartmentEndpoint {
  private desk: Promise<DepartmentDesk> | null = null;
  /** The desk once made (read without an await on every message). */
  private deskNow: DepartmentDesk | null = null;
  private readonly rules: LazyRules;
  private readonly collecting: Required<ProtocolParts> | null;

  constructor(
    private readonly hosted: ReadonlySet<number>,
    store: TickSource,
    private readonly outboxes: MessageSender,
    private readonly reject: RejectionSink,
    private readonly parts: ProtocolParts = { protocol: hubProtocol },
  ) {
    this.rules = new LazyRules(store);
    this.collecting = collectingParts(parts);
  }

  private owner(): Promise<DepartmentDesk> {
    this.desk ??= this.rules.get().then((rules) => (this.deskNow = this.parts.protocol.departmentDesk({ rules, hosted: this.hosted, grants: this.parts.grants! })));
    this.desk.catch(() => (this.desk = null));
    return this.desk;
  }

  /**
   * One `exchange.request.v1` to department `self` (`message` delivery): a new one is forwarded, one to decide decided
   * (from the hub, or in `direct` from its requester). No rows when the desk takes a request alone (docs/transport.md
   * §7.12); its evidence, if the protocol's ends sign any, is written straight into the rows waiting to be stored.
   */
  async receiveRequest(tick: number, self: string, from: string, body: ExchangeRequestV1Body): Promise<void> {
    const desk = this.deskNow ?? (await this.owner());
    const rules = this.rules.builtFor(tick) ?? (await this.rules.forTick(tick));
    const request = decodeRequestBody(body, tick, rules.wire);
    if (isRejection(request)) return this.reject(self, [request]);
    const alone = from === ORCHESTRATOR_IDENTITY ? desk.forwardOne : desk.decideOne;
    const evidence = this.collecting?.evidence ?? null;
    const answer = alone?.call(desk, tick, self, from, request, rules, evidence && evidence.pending(self, tick, rules.wire));
    if (answer === undefined) {
      const decoded = new Decoded();
      decoded.requests.push(request.ordinal, request.requester, request.owner, request.dataset, request.purpose, request.application);
      return this.handle(tick, self, from, decoded, 'message');
    }
    // Evidence is stored before the message it records is sent, as `finish` does.
    if (evidence && !isRejection(answer)) await evidence.stored();
    await answerAlone(self, tick, answer, this.outboxes, this.reject);
  }

  /** A `tick.batch.v1` to department `self`: new requests from the orchestrator, or allowed ones from the hub. */
  async receiveBatch(tick: number, self: string, from: string, items: readonly TickBatchV1Item[]): Promise<void> {
    const decoded = new Decoded();
    decodeRequestBodies(itemsOf(items).requests, tick, await this.rules.wireFor(tick), decoded.requests, decoded.rejected);
    return this.handle(tick, self, from, decoded, 'tick.batch.v1');
  }

  /** `contract.negotiation.v1` steps to department `self` (the `negotiated` protocol). */
  async receiveNegotiations(tick: number, self: string, from: string, bodies: readonly ContractNegotiationV1Body[]): Promise<void> {
    const rows = new NegotiationRows();
    const rejected: WireRejection[] = [];
    decodeNegotiationBodies(bodies, tick, (await this.rules.forTick(tick)).wire, rows, rejected);
    return this.negotiate(tick, self, from, rows, rejected, 'message');
  }

  /**
   * A columnar `tick.batch.v2` to department `self`: requests to send on (from the orchestrator) or to decide (from the
   * hub), or contract-negotiation steps.
   */
  async receiveColumns(tick: number, self: string, from: string, body: TickBatchV2Body): Promise<void> {
    if (body.kind === 'negotiation') {
      const rows = new NegotiationRows();
      const rejected: WireRejection[] = [];
      decodeNegotiationColumns(body, tick, (await this.rules.forTick(tick)).wire, rows, rejected);
      return this.negotiate(tick, self, from, rows, rejected, 'tick.batch.v2');
    }
    if (body.kind !== 'request') {
      await this.reject(self, [{ requestId: '-', code: 'not_addressed_here', detail: `tick.batch.v2 of ${body.kind}s from ${from}: a department takes only requests` }]);
      return;
    }
    const decoded = new Decoded();
    const { wire } = await this.rules.forTick(tick);
    decodeRequestColumns(body, tick, wire, decoded.requests, decoded.rejected);
    return this.handle(tick, self, from, decoded, 'tick.batch.v2');
  }

  private async handle(tick: number, self: string, from: string, decoded: Decoded, format: WireFormat): Promise<void> {
    const desk = this.deskNow ?? (await this.owner());
    const result = from === ORCHESTRATOR_IDENTITY ? await desk.forward(tick, self, from, decoded.requests) : await desk.decide(tick, self, from, decoded.requests);
    return this.finish(self, result, decoded.rejected, format);
  }

  private async negotiate(tick: number, self: string, from: string, rows: NegotiationRows, rejected: WireRejection[], format: WireFormat): Promise<void> {
    const desk = await this.owner();
    const result = desk.negotiate ? await desk.negotiate(tick, self, from, rows) : rejectAll(tick, rows, `protocol ${this.parts.protocol.name} has no contract negotiation`);
    return this.finish(self, result, rejected, format);
  }

  /** Reports what was refused, stores the evidence, then sends. */
  private async finish(self: string, result: DepartmentDeskResult, decodingRejected: readonly WireRejection[], format: WireFormat): Promise<void> {
    if (decodingRejected.length > 0) result.rejected.unshift(...decodingRejected);
    if (result.rejected.length > 0) await this.reject(self, result.rejected);
    // Evidence is stored before the messages it records are sent, so the hub finds it when the tick closes.
    if (result.evidence) await this.collecting?.evidence.write(self, result.evidence);
    await this.outboxes.send(self, result.outgoing, format);
  }
}
