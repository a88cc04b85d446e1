// A chunk of one tick's exchange requests and their outcomes, as parallel typed arrays (no object per request).

/**
 * Requests `[0, length)` of a chunk. `ordinal` of request i is `firstOrdinal + i`: its position in the tick's
 * canonical enumeration of demand, which every transport computes the same way. Outcome columns are filled by
 * a resolver (in process or over queues).
 */
export class RequestBatch {
  length = 0;
  firstOrdinal = 0;
  readonly requester: Int32Array;
  readonly owner: Int32Array;
  readonly dataset: Int32Array;
  /** Service index, or −1 for demand without a service. */
  readonly purpose: Int32Array;
  /** Tick-local application index; the requests of one application are consecutive. */
  readonly application: Int32Array;
  readonly decision: Uint8Array;
  readonly reason: Uint8Array;
  readonly transformed: Uint8Array;
  readonly minimised: Uint8Array;

  constructor(readonly capacity: number) {
    this.requester = new Int32Array(capacity);
    this.owner = new Int32Array(capacity);
    this.dataset = new Int32Array(capacity);
    this.purpose = new Int32Array(capacity);
    this.application = new Int32Array(capacity);
    this.decision = new Uint8Array(capacity);
    this.reason = new Uint8Array(capacity);
    this.transformed = new Uint8Array(capacity);
    this.minimised = new Uint8Array(capacity);
  }

  /** Appends a request; the caller checks capacity. */
  push(requester: number, owner: number, dataset: number, purpose: number, application: number): void {
    const i = this.length++;
    this.requester[i] = requester;
    this.owner[i] = owner;
    this.dataset[i] = dataset;
    this.purpose[i] = purpose;
    this.application[i] = application;
  }

  /** The content-derived request id of request i (see {@link requestIdOf}). */
  requestId(tick: number, i: number): string {
    return requestIdOf(tick, this.application[i], this.requester[i], this.dataset[i]);
  }
}

/** The content-derived request id: tick, application, requester and dataset (`t3-a17-r2-d40`). */
export function requestIdOf(tick: number, application: number, requester: number, dataset: number): string {
  return `t${tick}-a${application}-r${requester}-d${dataset}`;
}
