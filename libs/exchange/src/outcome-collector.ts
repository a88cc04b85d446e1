// The orchestrator's side of a batch: which requests still wait for a terminal outcome, and filling the batch.
import type { ExchangeRules, RequestBatch } from '@silolab/engine';
import * as model from '@silolab/model';
import type { ExchangeOutcomeV1Body } from '@silolab/protocol';
import type { WireRejection } from './exchange-wire';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { DECISION, DECISIONS, REASON, REASONS } = model;

/** What became of one outcome message. */
export type OutcomeReceipt = 'filled' | 'duplicate' | WireRejection;

/**
 * Waits for the terminal outcome of every request of one batch. Outcomes are matched by request id (content
 * derived) or by ordinal (`tick.batch.v2`), so their arrival order does not matter; a repeated outcome is a
 * duplicate, a different one for the same request is an error; outcomes of other ticks or batches are ignored as
 * stale.
 */
export class OutcomeCollector {
  /** Request id → index in the batch, built when an `exchange.outcome.v1` first names a request by id. */
  private ids: Map<string, number> | null = null;
  private readonly decision: Int8Array;
  private readonly reason: Uint8Array;
  private waiting: number;
  private settle: (() => void) | null = null;
  /** Settles when every request of the batch has its outcome. */
  readonly complete: Promise<void>;
  /** When the last outcome arrived (for the stall watchdog); set by the caller's clock. */
  lastProgress = 0;

  /**
   * `mayReport(from, requester, owner)`: whether `from` may report the outcome of a request from department `requester`
   * to `owner` (the protocol's rule; an outcome from anyone else is refused as `impersonation`).
   */
  constructor(
    private readonly batch: RequestBatch,
    readonly tick: number,
    private readonly mayReport: (from: string, requester: number, owner: number) => boolean = () => true,
  ) {
    this.decision = new Int8Array(batch.length).fill(-1);
    this.reason = new Uint8Array(batch.length);
    this.waiting = batch.length;
    this.complete = new Promise<void>((resolve) => (this.settle = resolve));
    if (this.waiting === 0) this.settle?.();
  }

  /** Requests still without an outcome. */
  get outstanding(): number {
    return this.waiting;
  }

  /** The request ids still without an outcome (for error messages), at most `limit`. */
  missing(limit = 5): string[] {
    const ids: string[] = [];
    for (let i = 0; i < this.batch.length && ids.length < limit; i++) if (this.decision[i] < 0) ids.push(this.batch.requestId(this.tick, i));
    return ids;
  }

  /** Takes one outcome of tick `tick`, sent by `from`. */
  accept(tick: number, body: ExchangeOutcomeV1Body, from = ''): OutcomeReceipt {
    const i = tick === this.tick ? this.indexOf(body.requestId) : undefined;
    if (i === undefined) return { requestId: body.requestId, code: 'stale_tick', detail: `outcome ${body.requestId} of tick ${tick}: not in the batch being resolved` };
    return this.sentBy(from, i, body.requestId) ?? this.take(i, DECISIONS.indexOf(body.decision), REASONS.indexOf(body.reason as (typeof REASONS)[number]), body.requestId);
  }

  /** Takes one outcome of tick `tick` named by the request's ordinal (`tick.batch.v2`); codes of @silolab/model, −1 unknown. */
  acceptAt(tick: number, ordinal: number, decision: number, reason: number, from = ''): OutcomeReceipt {
    const i = ordinal - this.batch.firstOrdinal;
    if (tick !== this.tick || !(i >= 0 && i < this.batch.length)) return { requestId: `#${ordinal}`, code: 'stale_tick', detail: `outcome #${ordinal} of tick ${tick}: not in the batch being resolved` };
    return this.sentBy(from, i, null) ?? this.take(i, decision, reason, null);
  }

  /** An `impersonation` refusal when `from` may not report request i's outcome, else null. */
  private sentBy(from: string, i: number, id: string | null): WireRejection | null {
    if (this.mayReport(from, this.batch.requester[i], this.batch.owner[i])) return null;
    const requestId = id ?? this.batch.requestId(this.tick, i);
    return { requestId, code: 'impersonation', detail: `outcome ${requestId} from ${from}: the protocol does not let it report this request's outcome` };
  }

  private indexOf(requestId: string): number | undefined {
    if (!this.ids) {
      this.ids = new Map();
      for (let i = 0; i < this.batch.length; i++) this.ids.set(this.batch.requestId(this.tick, i), i);
    }
    return this.ids.get(requestId);
  }

  /** Takes the outcome of request i; `id` names it in errors (derived from the batch when null). */
  private take(i: number, decision: number, reason: number, id: string | null): OutcomeReceipt {
    if (reason < 0 || decision < 0) {
      const requestId = id ?? this.batch.requestId(this.tick, i);
      return { requestId, code: 'inconsistent_request', detail: `outcome ${requestId}: unknown decision or reason` };
    }
    if (this.decision[i] >= 0) {
      if (this.decision[i] === decision && this.reason[i] === reason) return 'duplicate';
      const requestId = id ?? this.batch.requestId(this.tick, i);
      return { requestId, code: 'conflicting_outcome', detail: `outcome ${requestId}: ${DECISIONS[decision]}/${REASONS[reason]} after ${DECISIONS[this.decision[i]]}/${REASONS[this.reason[i]]}` };
    }
    this.decision[i] = decision;
    this.reason[i] = reason;
    if (--this.waiting === 0) this.settle?.();
    return 'filled';
  }

  /**
   * Writes the outcomes into the batch. `exchange.outcome.v1` carries decision and reason but not the two flags the
   * engine's metrics also read, so they are derived here from the same rules: `transformed` (the dataset's schema
   * had to be mapped: a delivered or failed transfer across systems without the common standard) and `minimised`
   * (the hub trimmed fields). The latter needs the hub's check, which is rerun here; its verdict must agree with
   * the hub's, or the batch is rejected.
   */
  fill(rules: ExchangeRules): void {
    const batch = this.batch;
    for (let i = 0; i < batch.length; i++) {
      const decision = this.decision[i];
      if (decision < 0) throw new Error(`outcome collector: request ${batch.requestId(this.tick, i)} has no outcome`);
      const check = rules.hubCheck(batch, i);
      const hubReason = decision === DECISION.denied ? this.reason[i] : REASON.ok;
      if (check !== hubReason) {
        throw new Error(`request ${batch.requestId(this.tick, i)}: the hub's permission check says ${REASONS[hubReason]}, the engine's rules ${REASONS[check]}`);
      }
      batch.decision[i] = decision;
      batch.reason[i] = this.reason[i];
      const transferred = decision === DECISION.shared || decision === DECISION.failed;
      batch.transformed[i] = transferred && rules.mismatch(batch.owner[i], batch.requester[i], batch.dataset[i]) ? 1 : 0;
    }
  }
}
