// Between one tick's world and the wire: readable ids out, indices back in, checked; exchange.*.v1 bodies both ways.
import { RequestBatch, requestIdOf } from '@silolab/engine';
import * as model from '@silolab/model';
import type { World } from '@silolab/model';
import type { ExchangeDecisionV1Body, ExchangeOutcomeV1Body, ExchangeRequestV1Body } from '@silolab/protocol';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { DECISIONS, REASON_CATEGORY, REASONS } = model;

/** `purpose` on the wire for demand without a service. */
export const NO_SERVICE_PURPOSE = 'exchange';

/** A decode failure with a stable code (STYLE.md habit 7). */
export interface WireRejection {
  requestId: string;
  code: 'unknown_entity' | 'inconsistent_request' | 'impersonation' | 'not_addressed_here' | 'unknown_request' | 'stale_tick' | 'conflicting_outcome';
  detail: string;
}

/** True when a decoder or desk answered with a rejection rather than a row or a message. */
export function isRejection(answer: object): answer is WireRejection {
  return 'code' in answer;
}

/** The REASON code of a motive's name, −1 for none (null) and −2 for a name the model does not know. */
export function reasonCode(name: string | null): number {
  if (name === null) return -1;
  const code = (REASONS as readonly string[]).indexOf(name);
  return code < 0 ? -2 : code;
}

/**
 * Maps one tick's world to the wire and back: department, dataset and service ids as a protocol engineer reads
 * them, indices inside. The formats' encoders and decoders (`v1-messages`, `batch-columns`) name and look up
 * entities through it.
 */
export class ExchangeWire {
  readonly departmentIndex = new Map<string, number>();
  readonly datasetIndex = new Map<string, number>();
  readonly serviceIndex = new Map<string, number>();
  private readonly scratch = new RequestBatch(1);

  constructor(readonly world: World) {
    world.departments.forEach((d) => this.departmentIndex.set(d.id, d.index));
    world.datasets.forEach((d) => this.datasetIndex.set(d.id, d.index));
    world.services.forEach((s) => this.serviceIndex.set(s.id, s.index));
  }

  /** The wire name of a purpose: the service's id, or `exchange` for demand without a service (−1). */
  purposeName(purpose: number): string {
    return purpose >= 0 ? this.world.services[purpose].id : NO_SERVICE_PURPOSE;
  }

  /** The `exchange.request.v1` body of a request of `tick`. */
  requestBody(tick: number, ordinal: number, requester: number, owner: number, dataset: number, purpose: number, application: number): ExchangeRequestV1Body {
    return {
      requestId: requestIdOf(tick, application, requester, dataset),
      ordinal,
      requester: this.world.departments[requester].id,
      owner: this.world.departments[owner].id,
      dataset: this.world.datasets[dataset].id,
      purpose: this.purposeName(purpose),
      application: String(application),
    };
  }

  /** A one-request batch holding a request at its ordinal, for the rules' per-request steps. Reused: not re-entrant. */
  toBatch(ordinal: number, requester: number, owner: number, dataset: number, purpose: number, application: number): RequestBatch {
    const batch = this.scratch;
    batch.length = 0;
    batch.firstOrdinal = ordinal;
    batch.push(requester, owner, dataset, purpose, application);
    batch.transformed[0] = 0;
    batch.minimised[0] = 0;
    return batch;
  }
}

/** The `exchange.outcome.v1` body of a terminal decision and reason (codes of @silolab/model). */
export function outcomeBody(requestId: string, decision: number, reason: number): ExchangeOutcomeV1Body {
  return { requestId, decision: DECISIONS[decision], reason: REASONS[reason], category: REASON_CATEGORY[reason] };
}

/** The `exchange.decision.v1` body of an owner's decision: a share (1), or a refusal (0) with its motive (a REASON code). */
export function decisionBody(requestId: string, share: number, reason: number): ExchangeDecisionV1Body {
  return share === 1 ? { requestId, decision: 'share', reason: null } : { requestId, decision: 'refuse', reason: REASONS[reason] };
}
