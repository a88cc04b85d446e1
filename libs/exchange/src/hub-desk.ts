// The exchange hub's use cases: the permission check, routing to the owner, the transfer, and the tick's ledger.
import { LedgerWriter, RequestBatch, requestIdOf, type ExchangeRules, type LedgerPosition } from '@silolab/engine';
import * as model from '@silolab/model';
import type { World } from '@silolab/model';
import { departmentIdentity, departmentIndexOf } from './department-identity';
import { outcomeBody, type ExchangeWire, type WireRejection } from './exchange-wire';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from './identities';
import { Outgoing, type DecisionRows, type DeskResult, type Parcel, type RequestRows } from './exchange-rows';
import type { TickTransportStats } from './hub-timings';
import type { TickRules, TickRulesCache } from './tick-rules';
import type { DecisionRow, RequestRow } from './v1-messages';
import type { WireFormat, WireMessage } from './wire-format';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { DECISION, REASON, REASONS } = model;

/** Owner refusal reasons the hub accepts in a decision (the three motives). */
const OWNER_REASONS = new Set([REASON.unwilling, REASON.unable, REASON.afraid]);
/** Decision of a request the hub allowed while its owner decides. */
const PENDING = 0xff;
/** Ordinals the hub accepts in a tick (its book is indexed by ordinal): far above any scenario's demand per tick. */
export const MAX_ORDINAL = 1 << 24;

/** A chunk of a tick's requests the orchestrator announced (`tick.chunk.v1`): the ordinals first … first + count − 1. */
export interface Chunk {
  readonly first: number;
  readonly count: number;
}

/**
 * The hub's record of one open tick: each request it has taken, at its ordinal, in the columns of one engine
 * RequestBatch (so the rules judge it in place and the ledger chains it as it stands), plus which ordinals are taken.
 */
class TickBook {
  batch = new RequestBatch(1024);
  private present = new Uint8Array(1024);
  /** Requests taken. */
  count = 0;
  /** One past the highest ordinal taken. */
  end = 0;
  /** Request id → ordinal, built when an `exchange.decision.v1` first names a request by id. */
  private ids: Map<string, number> | null = null;
  /** The chunks announced, in the order announced (a tick has more than one only beyond the engine's chunk size). */
  readonly chunks: Chunk[] = [];
  /** The batch format the tick's request batches came in: a chunk is answered in it. */
  batchFormat: WireFormat | null = null;

  constructor(
    readonly tick: number,
    readonly services: World['services'],
  ) {}

  has(ordinal: number): boolean {
    return ordinal < this.end && this.present[ordinal] === 1;
  }

  /** Takes a request at its ordinal (not yet taken, below MAX_ORDINAL), pending nothing: decision and reason unset. */
  take(ordinal: number, requester: number, owner: number, dataset: number, purpose: number, application: number): void {
    if (ordinal >= this.batch.capacity) this.grow(ordinal + 1);
    const batch = this.batch;
    batch.requester[ordinal] = requester;
    batch.owner[ordinal] = owner;
    batch.dataset[ordinal] = dataset;
    batch.purpose[ordinal] = purpose;
    batch.application[ordinal] = application;
    batch.transformed[ordinal] = 0;
    batch.minimised[ordinal] = 0;
    this.present[ordinal] = 1;
    this.count++;
    if (ordinal >= this.end) this.end = ordinal + 1;
    this.ids?.set(requestIdOf(this.tick, application, requester, dataset), ordinal);
  }

  /** The announced chunk holding `ordinal`, if any. */
  chunkOf(ordinal: number): Chunk | undefined {
    for (const chunk of this.chunks) if (ordinal >= chunk.first && ordinal < chunk.first + chunk.count) return chunk;
    return undefined;
  }

  /** True when every request of `chunk` is taken. */
  holdsAll(chunk: Chunk): boolean {
    const end = chunk.first + chunk.count;
    if (end > this.end) return false;
    for (let i = chunk.first; i < end; i++) if (this.present[i] !== 1) return false;
    return true;
  }

  /** True when every request of `chunk` is taken and terminal. */
  settled(chunk: Chunk): boolean {
    if (!this.holdsAll(chunk)) return false;
    const decision = this.batch.decision;
    for (let i = chunk.first, end = chunk.first + chunk.count; i < end; i++) if (decision[i] === PENDING) return false;
    return true;
  }

  /** True when the request at `ordinal` has exactly these fields. */
  same(ordinal: number, requester: number, owner: number, dataset: number, purpose: number, application: number): boolean {
    const b = this.batch;
    return b.requester[ordinal] === requester && b.owner[ordinal] === owner && b.dataset[ordinal] === dataset && b.purpose[ordinal] === purpose && b.application[ordinal] === application;
  }

  /** The ordinal of the request with id `requestId`, if taken. */
  ordinalOf(requestId: string): number | undefined {
    if (!this.ids) {
      this.ids = new Map();
      for (let i = 0; i < this.end; i++) if (this.present[i] === 1) this.ids.set(this.idAt(i), i);
    }
    return this.ids.get(requestId);
  }

  idAt(ordinal: number): string {
    const b = this.batch;
    return requestIdOf(this.tick, b.application[ordinal], b.requester[ordinal], b.dataset[ordinal]);
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, this.batch.capacity * 2);
    const old = this.batch;
    const batch = new RequestBatch(capacity);
    for (const column of ['requester', 'owner', 'dataset', 'purpose', 'application', 'decision', 'reason', 'transformed', 'minimised'] as const) batch[column].set(old[column]);
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.batch = batch;
    this.present = present;
  }
}

/** The hub's report when a tick closes: its ledger head, how many records the tick added and the ledger's length. */
export interface TickClosing {
  tick: number;
  head: string;
  records: number;
  /** Records in the ledger after this tick (a restarted hub continues the chain from head and length). */
  length: number;
}

/** The hub's signed reply to `tick.close.v1`: the closing, its operational record of the tick, and the hub's HMAC. */
export interface SignedTickClosing extends TickClosing {
  transport: TickTransportStats;
  sig: string;
}

/**
 * The hub. Requests are judged by the tick's rules (`hubCheck`): denied ones are terminal at once, allowed ones go
 * to the owner; the owner's decision comes back, a share is transferred (`transfer`), and the outcome goes to the
 * orchestrator. When it is sent depends on how the rows came:
 * - one message per exchange (`message`): each request or decision is answered at once, on its own;
 * - in batches (`tick.batch.v1`/`v2`): a chunk of requests the orchestrator announced (`announceChunk`) is answered as
 *   a whole — each owner gets one batch of the chunk's allowed requests once the hub holds every request of it, and
 *   the orchestrator one batch of the chunk's outcomes once every one is terminal. Requests of a chunk not yet
 *   announced wait for the announcement.
 * Every message is handled idempotently by ordinal: a redelivery re-sends the same messages (what it sends depends
 * only on the book, so batches keep their content-derived ids) and changes nothing. Requests are kept per tick at
 * their ordinal and chained in canonical order by the engine's own LedgerWriter when the tick closes, whatever order
 * messages arrived in.
 */
export class HubDesk {
  private readonly books = new Map<number, TickBook>();
  private readonly closings = new Map<number, TickClosing>();
  private readonly ledger: LedgerWriter;
  private readonly ledgerWorld: World;
  /** Transport identity of each department (`d<index>`), made once. */
  private readonly identities: string[];
  private lastClosed = -1;

  /**
   * A hub for the run whose rules `rules` builds. `resume`, after a restart: the last tick the hub closed before, whose
   * closing holds the ledger's head and length; the chain continues from there.
   */
  constructor(
    private readonly rules: TickRulesCache,
    resume?: TickClosing,
  ) {
    const { builder } = rules;
    this.ledgerWorld = { ...builder.world };
    const position: LedgerPosition | undefined = resume && { head: resume.head, length: resume.length };
    this.ledger = new LedgerWriter(builder.context.scenario.policies.provenance, this.ledgerWorld, builder.random, builder.context.ledgerRun, undefined, position);
    this.identities = builder.world.departments.map((d) => departmentIdentity(d.index));
    if (resume) {
      this.lastClosed = resume.tick;
      this.closings.set(resume.tick, resume);
    }
  }

  /** Requests from a requester department (`from`), judged by the permission check; `format` is how they came. */
  async receiveRequests(tick: number, from: string, rows: RequestRows, format: WireFormat = 'message'): Promise<DeskResult> {
    if (tick <= this.lastClosed) return staleTick(tick, rows, (k) => requestIdOf(tick, rows.application[k], rows.requester[k], rows.dataset[k]));
    const { rules, wire } = this.rules.builtFor(tick) ?? (await this.rules.rulesFor(tick));
    const result: DeskResult = { outgoing: new Outgoing(tick, wire), rejected: [] };
    const book = this.book(tick, wire);
    const sender = departmentIndexOf(from);
    const parcels = this.parcels(result.outgoing);
    const batched = format !== 'message';
    if (batched) book.batchFormat = format;
    // The announced chunks a batch's rows belong to (answered as a whole below); a single message has none.
    const touched = batched ? new Set<Chunk>() : null;
    for (let k = 0; k < rows.length; k++) {
      const ordinal = rows.ordinal[k];
      const rejection = this.take(book, rules, from, sender, ordinal, rows.requester[k], rows.owner[k], rows.dataset[k], rows.purpose[k], rows.application[k]);
      if (rejection) result.rejected.push(rejection);
      else if (touched) touch(book, ordinal, touched);
      else this.next(book, ordinal, parcels);
    }
    for (const chunk of touched ?? []) this.answerChunk(book, chunk, parcels, true);
    return result;
  }

  /**
   * The orchestrator's announcement of a chunk of `tick`'s requests (ordinals first … first + count − 1): if the hub
   * already holds them all, the chunk is answered now. `format` is how the answer travels (that of the chunk's request
   * batches; `tick.batch.v2` when none has come yet, in which case there is nothing to send).
   */
  async announceChunk(tick: number, first: number, count: number): Promise<DeskResult & { format: WireFormat }> {
    if (tick <= this.lastClosed) return { ...staleTick(tick, { length: 1 }, () => `chunk ${first}+${count}`), format: 'tick.batch.v2' };
    const { wire } = this.rules.builtFor(tick) ?? (await this.rules.rulesFor(tick));
    const result: DeskResult = { outgoing: new Outgoing(tick, wire), rejected: [] };
    const book = this.book(tick, wire);
    const format = book.batchFormat ?? 'tick.batch.v2';
    const known = book.chunks.find((chunk) => chunk.first === first);
    const overlapping = known ? undefined : book.chunks.find((chunk) => first < chunk.first + chunk.count && chunk.first < first + count);
    const refusal =
      first + count > MAX_ORDINAL ? `the hub takes ordinals below ${MAX_ORDINAL}`
      : known && known.count !== count ? `announced before with ${known.count} requests`
      : overlapping ? `overlaps the chunk ${overlapping.first}…${overlapping.first + overlapping.count - 1}`
      : null;
    if (refusal) {
      result.rejected.push({ requestId: '-', code: 'inconsistent_request', detail: `chunk ${first}…${first + count - 1} of tick ${tick}: ${refusal}` });
    } else {
      const chunk = known ?? { first, count };
      if (!known) book.chunks.push(chunk);
      this.answerChunk(book, chunk, this.parcels(result.outgoing), true);
    }
    return { ...result, format };
  }

  /** Owners' decisions (`from` must own each request); a share is transferred and the outcome sent. */
  async receiveDecisions(tick: number, from: string, rows: DecisionRows, format: WireFormat = 'message'): Promise<DeskResult> {
    if (tick <= this.lastClosed) return staleTick(tick, rows, (k) => `#${rows.ordinal[k]}`);
    const { rules, wire } = this.rules.builtFor(tick) ?? (await this.rules.rulesFor(tick));
    const result: DeskResult = { outgoing: new Outgoing(tick, wire), rejected: [] };
    const book = this.books.get(tick);
    const sender = departmentIndexOf(from);
    const parcels = this.parcels(result.outgoing);
    const batched = format !== 'message';
    // The announced chunks a batch's rows belong to (answered as a whole below); a single message has none.
    const touched = batched ? new Set<Chunk>() : null;
    for (let k = 0; k < rows.length; k++) {
      const ordinal = rows.ordinal[k];
      const rejection = this.settle(book, tick, rules, from, sender, ordinal, rows.share[k], rows.reason[k]);
      if (rejection) result.rejected.push(rejection);
      // A decision in a batch on a request no announced chunk holds (its request came as a message) is answered at once.
      else if (!touched || !touch(book!, ordinal, touched)) this.next(book!, ordinal, parcels);
    }
    for (const chunk of touched ?? []) this.answerChunk(book!, chunk, parcels, false);
    return result;
  }

  /**
   * One request delivered alone (`message` delivery), from requester department `from`, with `tick`'s rules: the
   * message that follows it — the request to its owner, or (denied, or known and terminal) its outcome to the
   * orchestrator — or why it is refused. The same book and checks as {@link receiveRequests}, without rows.
   */
  request(tick: number, from: string, request: RequestRow, { rules, wire }: TickRules): WireMessage | WireRejection {
    const { ordinal } = request;
    if (tick <= this.lastClosed) return staleRow(tick, requestIdOf(tick, request.application, request.requester, request.dataset));
    const book = this.book(tick, wire);
    return this.take(book, rules, from, departmentIndexOf(from), ordinal, request.requester, request.owner, request.dataset, request.purpose, request.application) ?? this.nextMessage(book, ordinal, wire);
  }

  /**
   * One owner's decision delivered alone (`message` delivery), from `from`: the outcome it leads to, or why it is
   * refused. The same checks as {@link receiveDecisions}, without rows.
   */
  decision(tick: number, from: string, decision: DecisionRow, { rules, wire }: TickRules): WireMessage | WireRejection {
    const { ordinal } = decision;
    if (tick <= this.lastClosed) return staleRow(tick, `#${ordinal}`);
    const book = this.books.get(tick);
    return this.settle(book, tick, rules, from, departmentIndexOf(from), ordinal, decision.share, decision.reason) ?? this.nextMessage(book!, ordinal, wire);
  }

  /**
   * Takes request `ordinal` from `from` (department `sender`) into `book`, judged by the permission check; a request
   * taken before with the same fields is taken again (a redelivery). Null when taken, else why it is refused.
   */
  private take(book: TickBook, rules: ExchangeRules, from: string, sender: number, ordinal: number, requester: number, owner: number, dataset: number, purpose: number, application: number): WireRejection | null {
    if (requester !== sender) return impersonation(requestIdOf(book.tick, application, requester, dataset), from, 'requester');
    if (ordinal >= MAX_ORDINAL) return { requestId: requestIdOf(book.tick, application, requester, dataset), code: 'inconsistent_request', detail: `ordinal ${ordinal} of tick ${book.tick}: the hub takes ordinals below ${MAX_ORDINAL}` };
    if (book.has(ordinal)) {
      if (book.same(ordinal, requester, owner, dataset, purpose, application)) return null;
      const requestId = requestIdOf(book.tick, application, requester, dataset);
      return { requestId, code: 'inconsistent_request', detail: `${requestId}: ordinal ${ordinal} of tick ${book.tick} belongs to another request (${book.idAt(ordinal)})` };
    }
    book.take(ordinal, requester, owner, dataset, purpose, application);
    const reason = rules.hubCheck(book.batch, ordinal);
    book.batch.decision[ordinal] = reason === REASON.ok ? PENDING : DECISION.denied;
    book.batch.reason[ordinal] = reason;
    return null;
  }

  /**
   * Settles request `ordinal` of `book` with its owner's decision, from `from` (department `sender`, who must own it):
   * a refusal with its motive, or a share, transferred. A request already terminal keeps its outcome (a redelivery).
   * Null when settled, else why the decision is refused.
   */
  private settle(book: TickBook | undefined, tick: number, rules: ExchangeRules, from: string, sender: number, ordinal: number, share: number, reason: number): WireRejection | null {
    if (!book?.has(ordinal)) return { requestId: `#${ordinal}`, code: 'unknown_request', detail: `decision for #${ordinal}: the hub has no such request in tick ${tick}` };
    const batch = book.batch;
    if (batch.owner[ordinal] !== sender) return impersonation(book.idAt(ordinal), from, 'owner');
    if (batch.decision[ordinal] !== PENDING) return null;
    if (share === 0) {
      if (!OWNER_REASONS.has(reason)) {
        return { requestId: book.idAt(ordinal), code: 'inconsistent_request', detail: `decision for ${book.idAt(ordinal)}: reason: expected unwilling, unable or afraid, got ${reason >= 0 ? REASONS[reason] : reason === -1 ? 'none' : 'a reason the model does not know'}` };
      }
      batch.decision[ordinal] = DECISION.refused;
      batch.reason[ordinal] = reason;
    } else {
      const transfer = rules.transfer(batch, ordinal);
      batch.decision[ordinal] = transfer === REASON.ok ? DECISION.shared : DECISION.failed;
      batch.reason[ordinal] = transfer;
    }
    return null;
  }

  /** What follows request `ordinal`'s state, as one message: its outcome when terminal, else the request to its owner. */
  private nextMessage(book: TickBook, ordinal: number, wire: ExchangeWire): WireMessage {
    const b = book.batch;
    if (b.decision[ordinal] !== PENDING) return { to: ORCHESTRATOR_IDENTITY, type: 'exchange.outcome.v1', body: outcomeBody(book.idAt(ordinal), b.decision[ordinal], b.reason[ordinal]) };
    return { to: this.identities[b.owner[ordinal]], type: 'exchange.request.v1', body: wire.requestBody(book.tick, ordinal, b.requester[ordinal], b.owner[ordinal], b.dataset[ordinal], b.purpose[ordinal], b.application[ordinal]) };
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
    for (let empty = this.lastClosed + 1; empty < tick; empty++) this.chain(empty, null);
    const book = this.books.get(tick) ?? null;
    const count = book?.count ?? 0;
    if (book) {
      let open = 0;
      for (let i = 0; i < book.end; i++) if (book.has(i) && book.batch.decision[i] === PENDING) open++;
      if (open > 0) throw new Error(`tick.close ${tick}: ${open} of ${count} requests have no terminal outcome yet`);
    }
    if (expected !== undefined && expected !== count) throw new Error(`tick.close ${tick}: expected ${expected} requests, the hub has ${count}`);
    if (book && book.end !== count) throw new Error(`tick.close ${tick}: request ordinals are not 0..${count - 1} (the highest is ${book.end - 1})`);
    return this.chain(tick, book);
  }

  /** The ordinal of the request `requestId` in `tick`, if the hub holds it (`exchange.decision.v1` names requests by id). */
  ordinalOf(tick: number, requestId: string): number | undefined {
    return this.books.get(tick)?.ordinalOf(requestId);
  }

  /** True when `tick` is closed (chained) at this hub. */
  isClosed(tick: number): boolean {
    return tick <= this.lastClosed;
  }

  /** The decision and reason the hub holds for request `ordinal` of open tick `tick` (undefined: not held, or pending). */
  outcomeAt(tick: number, ordinal: number): { decision: number; reason: number } | undefined {
    const book = this.books.get(tick);
    if (!book?.has(ordinal) || book.batch.decision[ordinal] === PENDING) return undefined;
    return { decision: book.batch.decision[ordinal], reason: book.batch.reason[ordinal] };
  }

  /** Requests of a tick the hub holds (for inspection). */
  requestsIn(tick: number): number {
    return this.books.get(tick)?.count ?? 0;
  }

  private chain(tick: number, book: TickBook | null): TickClosing {
    if (book) this.ledgerWorld.services = book.services;
    this.ledger.beginTick(tick);
    for (let i = 0; book && i < book.count; i++) this.ledger.write(book.batch, i, tick);
    const { head, records } = this.ledger.closeTick();
    const closing = { tick, head, records, length: this.ledger.position.length };
    this.closings.set(tick, closing);
    this.closings.delete(tick - 8);
    this.books.delete(tick);
    this.lastClosed = tick;
    return closing;
  }

  private book(tick: number, wire: ExchangeWire): TickBook {
    let book = this.books.get(tick);
    if (!book) {
      book = new TickBook(tick, wire.world.services);
      this.books.set(tick, book);
    }
    return book;
  }

  /** Parcels of `outgoing` by recipient: the orchestrator's, and each owner's by department index (looked up once each). */
  private parcels(outgoing: Outgoing): Parcels {
    let orchestrator: Parcel | null = null;
    const owners: Parcel[] = [];
    return {
      outcomes: () => (orchestrator ??= outgoing.to(ORCHESTRATOR_IDENTITY)),
      owner: (index) => (owners[index] ??= outgoing.to(this.identities[index])),
    };
  }

  /** Sends what follows a request's state: its outcome when terminal, else the request to its owner. */
  private next(book: TickBook, ordinal: number, parcels: Parcels): void {
    if (book.batch.decision[ordinal] !== PENDING) outcome(book.batch, ordinal, parcels);
    else toOwner(book.batch, ordinal, parcels);
  }

  /**
   * Answers a chunk as a whole, from the book alone (so a redelivery sends the very same batches): once every request
   * of it is held, `withRequests` sends each owner its allowed requests; once every one is terminal, the orchestrator
   * gets all the chunk's outcomes. Ordinal order throughout.
   */
  private answerChunk(book: TickBook, chunk: Chunk, parcels: Parcels, withRequests: boolean): void {
    if (!book.holdsAll(chunk)) return;
    const b = book.batch;
    const end = chunk.first + chunk.count;
    if (withRequests) for (let i = chunk.first; i < end; i++) if (b.decision[i] !== DECISION.denied) toOwner(b, i, parcels);
    if (book.settled(chunk)) for (let i = chunk.first; i < end; i++) outcome(b, i, parcels);
  }
}

/** A desk result's parcels by recipient: the orchestrator's, and each owner's by department index. */
interface Parcels {
  outcomes(): Parcel;
  owner(index: number): Parcel;
}

/** The terminal outcome at `ordinal`, to the orchestrator. */
function outcome(b: RequestBatch, ordinal: number, parcels: Parcels): void {
  parcels.outcomes().outcomes.push(ordinal, b.application[ordinal], b.requester[ordinal], b.dataset[ordinal], b.decision[ordinal], b.reason[ordinal]);
}

/** The request at `ordinal`, to its owner. */
function toOwner(b: RequestBatch, ordinal: number, parcels: Parcels): void {
  parcels.owner(b.owner[ordinal]).requests.push(ordinal, b.requester[ordinal], b.owner[ordinal], b.dataset[ordinal], b.purpose[ordinal], b.application[ordinal]);
}

/** Adds the announced chunk holding `ordinal` to `touched`; false when no announced chunk holds it. */
function touch(book: TickBook, ordinal: number, touched: Set<Chunk>): boolean {
  const chunk = book.chunkOf(ordinal);
  if (chunk) touched.add(chunk);
  return chunk !== undefined;
}

/** Every row of a message to a closed tick is refused as stale. */
function staleTick(tick: number, rows: { length: number }, idOf: (k: number) => string): DeskResult {
  const result: DeskResult = { outgoing: new Outgoing(tick, null), rejected: [] };
  for (let k = 0; k < rows.length; k++) result.rejected.push(staleRow(tick, idOf(k)));
  return result;
}

/** A request (or a decision on one) of a closed tick, refused as stale. */
function staleRow(tick: number, requestId: string): WireRejection {
  return { requestId, code: 'stale_tick', detail: `${requestId}: tick ${tick} is closed` };
}

function impersonation(requestId: string, from: string, role: 'requester' | 'owner'): WireRejection {
  return { requestId, code: 'impersonation', detail: `${requestId}: ${from} is not the request's ${role}; only it may send this to ${HUB_IDENTITY}` };
}
