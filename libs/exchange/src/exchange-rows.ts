// Exchanges as rows of parallel columns (world indices and model codes), in and out of the desks: no object per exchange.
import type { RequestBatch } from '@silolab/engine';
import { departmentIdentity } from './department-identity';
import type { ExchangeWire, WireRejection } from './exchange-wire';

/** Requests of one tick: row k is the request with ordinal `ordinal[k]`, fields as indices of the tick's world. */
export class RequestRows {
  readonly ordinal: number[] = [];
  readonly requester: number[] = [];
  readonly owner: number[] = [];
  readonly dataset: number[] = [];
  /** Service index, or −1 for demand without a service. */
  readonly purpose: number[] = [];
  readonly application: number[] = [];

  get length(): number {
    return this.ordinal.length;
  }

  push(ordinal: number, requester: number, owner: number, dataset: number, purpose: number, application: number): void {
    this.ordinal.push(ordinal);
    this.requester.push(requester);
    this.owner.push(owner);
    this.dataset.push(dataset);
    this.purpose.push(purpose);
    this.application.push(application);
  }
}

/**
 * Steps of contract negotiations (the `negotiated` protocol): the request each is about, the state its sender moves
 * the negotiation to (a code of NEGOTIATION_STATES), the terminal outcome (DECISION and REASON codes, −1 before),
 * the conditional-data reply deadline (a tick, −1 for none) and whether the application is escalated (0 or 1).
 */
export class NegotiationRows extends RequestRows {
  readonly state: number[] = [];
  readonly decision: number[] = [];
  readonly reason: number[] = [];
  readonly replyDue: number[] = [];
  readonly escalated: number[] = [];

  /** Row k of `request` (its six request columns) at `state`, with the step's outcome and conditional-data terms. */
  pushStep(request: RequestRows, k: number, state: number, decision: number, reason: number, replyDue: number, escalated: number): void {
    this.push(request.ordinal[k], request.requester[k], request.owner[k], request.dataset[k], request.purpose[k], request.application[k]);
    this.state.push(state);
    this.decision.push(decision);
    this.reason.push(reason);
    this.replyDue.push(replyDue);
    this.escalated.push(escalated);
  }
}

/**
 * What names a decision's or outcome's request in `exchange.*.v1` (its content-derived id): the request's
 * application, requester and dataset. Desks fill them when they answer a request; decoders, which read only an
 * ordinal or an id, leave them −1 (the hub reads them from its book).
 */
class RequestNames {
  readonly ordinal: number[] = [];
  readonly application: number[] = [];
  readonly requester: number[] = [];
  readonly dataset: number[] = [];

  get length(): number {
    return this.ordinal.length;
  }

  protected name(ordinal: number, application: number, requester: number, dataset: number): void {
    this.ordinal.push(ordinal);
    this.application.push(application);
    this.requester.push(requester);
    this.dataset.push(dataset);
  }
}

/**
 * Owners' decisions: `share` 1 or 0; `reason` the refusal's motive (a REASON code of @silolab/model), −1 for none
 * and −2 for a name the model does not know (the hub refuses both on a refusal).
 */
export class DecisionRows extends RequestNames {
  readonly share: number[] = [];
  readonly reason: number[] = [];

  push(ordinal: number, application: number, requester: number, dataset: number, share: number, reason: number): void {
    this.name(ordinal, application, requester, dataset);
    this.share.push(share);
    this.reason.push(reason);
  }
}

/** Terminal outcomes: DECISION and REASON codes of @silolab/model. */
export class OutcomeRows extends RequestNames {
  readonly decision: number[] = [];
  readonly reason: number[] = [];

  push(ordinal: number, application: number, requester: number, dataset: number, decision: number, reason: number): void {
    this.name(ordinal, application, requester, dataset);
    this.decision.push(decision);
    this.reason.push(reason);
  }
}

/** What one recipient is sent, as read: requests, owners' decisions, outcomes and negotiation steps, each in the order the desk wrote them. */
export interface ParcelRows {
  readonly requests: RequestRows;
  readonly decisions: DecisionRows;
  readonly outcomes: OutcomeRows;
  readonly negotiations: NegotiationRows;
}

/** Rows of a kind a parcel was never given: empty and frozen (a push throws). */
function frozenRows<T extends object>(rows: T): T {
  for (const column of Object.values(rows)) if (Array.isArray(column)) Object.freeze(column);
  return Object.freeze(rows);
}
const NO_ROWS: ParcelRows = Object.freeze({ requests: frozenRows(new RequestRows()), decisions: frozenRows(new DecisionRows()), outcomes: frozenRows(new OutcomeRows()), negotiations: frozenRows(new NegotiationRows()) });

/**
 * What one recipient is sent. Each kind of rows is made when a desk first writes one (a parcel usually holds one kind:
 * in `message` delivery a parcel per message), so reading goes through {@link held} or {@link count}, which make
 * nothing.
 */
export class Parcel {
  /**
   * The kinds of rows written so far, null until written. Every kind is a property from the start, so every parcel has
   * one hidden class whichever kind a desk writes first (added as they came, the kinds gave parcels several, and the
   * optimized getters below were thrown away as new orders came up; docs/transport.md §7.10).
   */
  private readonly made: { -readonly [K in keyof ParcelRows]: ParcelRows[K] | null } = { requests: null, decisions: null, outcomes: null, negotiations: null };

  /** Requests to send (made on first use). */
  get requests(): RequestRows {
    return (this.made.requests ??= new RequestRows());
  }

  /** Owners' decisions to send (made on first use). */
  get decisions(): DecisionRows {
    return (this.made.decisions ??= new DecisionRows());
  }

  /** Outcomes to send (made on first use). */
  get outcomes(): OutcomeRows {
    return (this.made.outcomes ??= new OutcomeRows());
  }

  /** Negotiation steps to send (made on first use). */
  get negotiations(): NegotiationRows {
    return (this.made.negotiations ??= new NegotiationRows());
  }

  /** The rows written so far; a kind never written reads as empty. */
  held(): ParcelRows {
    const { made } = this;
    return { requests: made.requests ?? NO_ROWS.requests, decisions: made.decisions ?? NO_ROWS.decisions, outcomes: made.outcomes ?? NO_ROWS.outcomes, negotiations: made.negotiations ?? NO_ROWS.negotiations };
  }

  /** Rows of `kind` written so far. */
  count(kind: keyof ParcelRows): number {
    return this.made[kind]?.length ?? 0;
  }

  /** Rows written, of every kind. */
  get size(): number {
    return this.count('requests') + this.count('decisions') + this.count('outcomes') + this.count('negotiations');
  }
}

/** Appends the rows of `from` to `into` (rows of one class: every column is an array of numbers). */
function appendColumns<T extends object>(into: T, from: T): void {
  const columns = into as Record<string, unknown>;
  for (const [name, column] of Object.entries(from)) if (Array.isArray(column)) for (const value of column) (columns[name] as number[]).push(value);
}

/**
 * The messages a use case asks its adapter to send, in one tick, as rows per recipient. The adapter signs and queues
 * them in the run's wire format (`signed-outboxes`): a job per exchange, one `tick.batch.v1`, or columnar
 * `tick.batch.v2` per recipient. `wire` names the tick's world (readable ids on the wire).
 */
export class Outgoing {
  private readonly parcels = new Map<string, Parcel>();

  constructor(
    readonly tick: number,
    readonly wire: ExchangeWire | null,
  ) {}

  /** The parcel for `recipient`, created empty on first use. */
  to(recipient: string): Parcel {
    let parcel = this.parcels.get(recipient);
    if (!parcel) {
      parcel = new Parcel();
      this.parcels.set(recipient, parcel);
    }
    return parcel;
  }

  /** Adds every row of `other` (the same tick) after this one's, recipient by recipient. */
  append(other: Outgoing): void {
    if (other.tick !== this.tick) throw new Error(`outgoing of tick ${this.tick}: cannot append rows of tick ${other.tick}`);
    for (const [recipient, parcel] of other.parcels) {
      const held = parcel.held();
      const into = this.to(recipient);
      for (const kind of ['requests', 'decisions', 'outcomes', 'negotiations'] as const) if (held[kind].length > 0) appendColumns(into[kind], held[kind]);
    }
  }

  /** Messages in all parcels. */
  get size(): number {
    let size = 0;
    for (const parcel of this.parcels.values()) size += parcel.size;
    return size;
  }

  /** Non-empty parcels by recipient, in recipient order (so a redelivery packs identical batches). */
  recipients(): Array<[string, ParcelRows]> {
    const recipients: Array<[string, ParcelRows]> = [];
    for (const [recipient, parcel] of this.parcels) if (parcel.size > 0) recipients.push([recipient, parcel.held()]);
    return recipients.length < 2 ? recipients : recipients.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The tick's wire mapping; only an empty Outgoing may lack one. */
  requireWire(): ExchangeWire {
    if (!this.wire) throw new Error(`tick ${this.tick}: messages to send but no rules loaded to name them`);
    return this.wire;
  }
}

/** The orchestrator's first messages of a chunk: each request of `batch` to its requester department. */
export function requestsOf(batch: RequestBatch, tick: number, wire: ExchangeWire): Outgoing {
  const outgoing = new Outgoing(tick, wire);
  const requesters: Parcel[] = [];
  for (let i = 0; i < batch.length; i++) {
    const requester = batch.requester[i];
    (requesters[requester] ??= outgoing.to(departmentIdentity(requester))).requests.push(batch.firstOrdinal + i, requester, batch.owner[i], batch.dataset[i], batch.purpose[i], batch.application[i]);
  }
  return outgoing;
}

/** The result of handling a message: what to send, and what was refused as invalid (never judged). */
export interface DeskResult {
  outgoing: Outgoing;
  rejected: WireRejection[];
}
