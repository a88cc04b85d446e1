// The exchange hub's use cases: the permission check, routing to the owner, the transfer, and the tick's ledger.
import { LedgerWriter, RequestBatch } from '@silolab/engine';
import * as model from '@silolab/model';
import type { World } from '@silolab/model';
import type { ExchangeDecisionV1Body, ExchangeRequestV1Body } from '@silolab/protocol';
import { departmentIdentity } from './department-identity';
import { outcomeBody, type DecodedRequest, type WireRejection } from './exchange-wire';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from './identities';
import type { DeskResult, OutgoingExchange } from './outgoing-message';
import type { TickTransportStats } from './hub-timings';
import type { TickRulesCache } from './tick-rules';

// Imported bindings compile to CommonJS re-export getters that run on every use; this module's per-exchange loops
// read module-level constants bound once instead (as the engine's hot path does).
const { DECISION, REASON, REASONS } = model;

/** Owner refusal reasons the hub accepts in a decision (the three motives). */
const OWNER_REASONS = new Set([REASON.unwilling, REASON.unable, REASON.afraid]);
const PENDING = -1;

/** What the hub knows of one request of the open tick. */
interface HubEntry {
  request: DecodedRequest;
  /** Terminal decision code, or PENDING while the owner decides. */
  decision: number;
  reason: number;
  transformed: number;
  minimised: number;
}

/** The hub's report when a tick closes: its ledger head and how many records the tick added. */
export interface TickClosing {
  tick: number;
  head: string;
  records: number;
}

/** The hub's signed reply to `tick.close.v1`: the closing, its operational record of the tick, and the hub's HMAC. */
export interface SignedTickClosing extends TickClosing {
  transport: TickTransportStats;
  sig: string;
}

/**
 * The hub. Requests are judged by the tick's rules (`hubCheck`): denied ones get their terminal outcome at once,
 * allowed ones go to the owner; the owner's decision comes back, a share is transferred (`transfer`), and the
 * outcome goes to the orchestrator. Every message is handled idempotently by request id: a redelivery re-sends
 * the same messages and changes nothing. Records are buffered per tick and chained in canonical order (by
 * ordinal) by the engine's own LedgerWriter when the tick closes, whatever order messages arrived in.
 */
export class HubDesk {
  private readonly books = new Map<number, Map<string, HubEntry>>();
  private readonly closings = new Map<number, TickClosing>();
  /** Request id at each ordinal of each open tick. */
  private readonly ordinalIds = new Map<number, Map<number, string>>();
  /** Services of each open tick's world (purpose ids in records follow interventions). */
  private readonly servicesOf = new Map<number, World['services']>();
  private readonly ledger: LedgerWriter;
  private readonly ledgerWorld: World;
  private lastClosed = -1;

  constructor(private readonly rules: TickRulesCache) {
    const { builder } = rules;
    this.ledgerWorld = { ...builder.world };
    this.ledger = new LedgerWriter(builder.context.scenario.policies.provenance, this.ledgerWorld, builder.random, builder.context.ledgerRun);
  }

  /**
   * Requests from a requester department (`from`), judged by the permission check. `decoded`, when given, holds
   * each body already decoded and checked (a `tick.batch.v2` decodes its columns itself).
   */
  async receiveRequests(tick: number, from: string, bodies: readonly ExchangeRequestV1Body[], decoded?: readonly DecodedRequest[]): Promise<DeskResult> {
    const result: DeskResult = { outgoing: [], rejected: [] };
    if (this.isClosed(tick, bodies, result)) return result;
    const { rules, wire } = await this.rules.rulesFor(tick);
    this.servicesOf.set(tick, wire.world.services);
    const book = this.book(tick);
    for (let k = 0; k < bodies.length; k++) {
      const body = bodies[k];
      const known = book.get(body.requestId);
      if (known) {
        if (departmentIdentity(known.request.requester) === from) result.outgoing.push(this.next(known, body));
        else result.rejected.push(impersonation(body.requestId, from, 'requester'));
        continue;
      }
      const request = decoded ? decoded[k] : wire.decodeRequest(body, tick);
      if ('code' in request) {
        result.rejected.push(request);
        continue;
      }
      if (departmentIdentity(request.requester) !== from) {
        result.rejected.push(impersonation(body.requestId, from, 'requester'));
        continue;
      }
      if (this.ordinalIds.get(tick)?.has(request.ordinal)) {
        result.rejected.push({ requestId: body.requestId, code: 'inconsistent_request', detail: `${body.requestId}: ordinal ${request.ordinal} of tick ${tick} belongs to another request` });
        continue;
      }
      const batch = wire.toBatch(request);
      const reason = rules.hubCheck(batch, 0);
      const entry: HubEntry = { request, decision: reason === REASON.ok ? PENDING : DECISION.denied, reason, transformed: 0, minimised: batch.minimised[0] };
      book.set(body.requestId, entry);
      this.ordinalsOf(tick).set(request.ordinal, body.requestId);
      result.outgoing.push(this.next(entry, body));
    }
    return result;
  }

  /** Owners' decisions (`from` must own each request); a share is transferred and the outcome sent. */
  async receiveDecisions(tick: number, from: string, bodies: readonly ExchangeDecisionV1Body[]): Promise<DeskResult> {
    const result: DeskResult = { outgoing: [], rejected: [] };
    if (this.isClosed(tick, bodies, result)) return result;
    const { rules, wire } = await this.rules.rulesFor(tick);
    const book = this.book(tick);
    for (const body of bodies) {
      const entry = book.get(body.requestId);
      if (!entry) {
        result.rejected.push({ requestId: body.requestId, code: 'unknown_request', detail: `decision for ${body.requestId}: the hub has no such request in tick ${tick}` });
        continue;
      }
      if (departmentIdentity(entry.request.owner) !== from) {
        result.rejected.push(impersonation(body.requestId, from, 'owner'));
        continue;
      }
      if (entry.decision === PENDING) {
        if (body.decision === 'refuse') {
          const reason = REASONS.indexOf(body.reason as (typeof REASONS)[number]);
          if (!OWNER_REASONS.has(reason)) {
            result.rejected.push({ requestId: body.requestId, code: 'inconsistent_request', detail: `decision for ${body.requestId}: reason: expected unwilling, unable or afraid, got ${JSON.stringify(body.reason)}` });
            continue;
          }
          entry.decision = DECISION.refused;
          entry.reason = reason;
        } else {
          const batch = wire.toBatch(entry.request);
          const transfer = rules.transfer(batch, 0);
          entry.transformed = batch.transformed[0];
          entry.decision = transfer === REASON.ok ? DECISION.shared : DECISION.failed;
          entry.reason = transfer;
        }
      }
      if (entry.decision !== PENDING) result.outgoing.push(outcomeMessage(entry));
    }
    return result;
  }

  /**
   * Closes `tick` (and any skipped, empty tick before it): checks that every request has a terminal outcome and,
   * when `expected` is given, that there are exactly that many; then chains the records in ordinal order. Closing
   * a tick twice returns the first closing.
   */
  closeTick(tick: number, expected?: number): TickClosing {
    const done = this.closings.get(tick);
    if (done) return done;
    if (tick <= this.lastClosed) throw new Error(`tick.close ${tick}: the hub has already closed tick ${this.lastClosed}`);
    for (let empty = this.lastClosed + 1; empty < tick; empty++) this.chain(empty, []);
    const entries = [...(this.books.get(tick)?.values() ?? [])].sort((a, b) => a.request.ordinal - b.request.ordinal);
    const open = entries.filter((entry) => entry.decision === PENDING).length;
    if (open > 0) throw new Error(`tick.close ${tick}: ${open} of ${entries.length} requests have no terminal outcome yet`);
    if (expected !== undefined && expected !== entries.length) throw new Error(`tick.close ${tick}: expected ${expected} requests, the hub has ${entries.length}`);
    entries.forEach((entry, k) => {
      if (entry.request.ordinal !== k) throw new Error(`tick.close ${tick}: request ordinals are not 0..${entries.length - 1} (found ${entry.request.ordinal} at ${k})`);
    });
    return this.chain(tick, entries);
  }

  /** The id of the request with `ordinal` in `tick`, if the hub holds it (decisions in `tick.batch.v2` name ordinals). */
  requestIdAt(tick: number, ordinal: number): string | undefined {
    return this.ordinalIds.get(tick)?.get(ordinal);
  }

  /** Requests of a tick the hub holds (for inspection). */
  requestsIn(tick: number): number {
    return this.books.get(tick)?.size ?? 0;
  }

  private chain(tick: number, entries: readonly HubEntry[]): TickClosing {
    const batch = new RequestBatch(Math.max(1, entries.length));
    for (const { request, decision, reason, transformed, minimised } of entries) {
      const i = batch.length;
      batch.push(request.requester, request.owner, request.dataset, request.purpose, request.application);
      batch.decision[i] = decision;
      batch.reason[i] = reason;
      batch.transformed[i] = transformed;
      batch.minimised[i] = minimised;
    }
    if (entries.length > 0) this.ledgerWorld.services = this.worldServices(tick);
    this.ledger.beginTick(tick);
    for (let i = 0; i < batch.length; i++) this.ledger.write(batch, i, tick);
    const { head, records } = this.ledger.closeTick();
    const closing = { tick, head, records };
    this.closings.set(tick, closing);
    this.closings.delete(tick - 8);
    this.books.delete(tick);
    this.ordinalIds.delete(tick);
    this.servicesOf.delete(tick);
    this.lastClosed = tick;
    return closing;
  }

  private worldServices(tick: number): World['services'] {
    const services = this.servicesOf.get(tick);
    if (!services) throw new Error(`tick.close ${tick}: no rules were loaded for the tick`);
    return services;
  }

  private ordinalsOf(tick: number): Map<number, string> {
    return tickMap(this.ordinalIds, tick);
  }

  private book(tick: number): Map<string, HubEntry> {
    return tickMap(this.books, tick);
  }

  private isClosed(tick: number, bodies: readonly { requestId: string }[], result: DeskResult): boolean {
    if (tick > this.lastClosed) return false;
    for (const body of bodies) result.rejected.push({ requestId: body.requestId, code: 'stale_tick', detail: `${body.requestId}: tick ${tick} is closed` });
    return true;
  }

  /** The message that follows an entry's state: the outcome when terminal, else the request to its owner. */
  private next(entry: HubEntry, body: ExchangeRequestV1Body): OutgoingExchange {
    if (entry.decision !== PENDING) return outcomeMessage(entry);
    return { to: departmentIdentity(entry.request.owner), type: 'exchange.request.v1', body };
  }
}

/** The map `perTick` holds for `tick`, created empty on first use. */
function tickMap<K, V>(perTick: Map<number, Map<K, V>>, tick: number): Map<K, V> {
  let map = perTick.get(tick);
  if (!map) {
    map = new Map();
    perTick.set(tick, map);
  }
  return map;
}

function outcomeMessage(entry: HubEntry): OutgoingExchange {
  return { to: ORCHESTRATOR_IDENTITY, type: 'exchange.outcome.v1', body: outcomeBody(entry.request.requestId, entry.decision, entry.reason), ordinal: entry.request.ordinal };
}

function impersonation(requestId: string, from: string, role: 'requester' | 'owner'): WireRejection {
  return { requestId, code: 'impersonation', detail: `${requestId}: ${from} is not the request's ${role}; only it may send this to ${HUB_IDENTITY}` };
}
