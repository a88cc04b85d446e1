// Between the engine's batch columns and the wire's exchange bodies: readable ids out, indices back in, checked.
import { RequestBatch } from '@silolab/engine';
import { DECISIONS, REASON_CATEGORY, REASONS, type World } from '@silolab/model';
import type { ExchangeOutcomeV1Body, ExchangeRequestV1Body } from '@silolab/protocol';

/** `purpose` on the wire for demand without a service. */
export const NO_SERVICE_PURPOSE = 'exchange';

/** A request as indices, decoded from its body. */
export interface DecodedRequest {
  requestId: string;
  ordinal: number;
  requester: number;
  owner: number;
  dataset: number;
  purpose: number;
  application: number;
}

/** A decode failure with a stable code (STYLE.md habit 7). */
export interface WireRejection {
  requestId: string;
  code: 'unknown_entity' | 'inconsistent_request' | 'impersonation' | 'not_addressed_here' | 'unknown_request' | 'stale_tick' | 'conflicting_outcome';
  detail: string;
}

/**
 * Maps requests of one tick's world to `exchange.request.v1` bodies (department, dataset and service ids, as a
 * protocol engineer reads them) and back. The decoder recomputes the content-derived request id, so a body whose
 * fields disagree with its id is rejected rather than judged.
 */
export class ExchangeWire {
  private readonly departmentIndex = new Map<string, number>();
  private readonly datasetIndex = new Map<string, number>();
  private readonly serviceIndex = new Map<string, number>();
  private readonly scratch = new RequestBatch(1);

  constructor(readonly world: World) {
    world.departments.forEach((d) => this.departmentIndex.set(d.id, d.index));
    world.datasets.forEach((d) => this.datasetIndex.set(d.id, d.index));
    world.services.forEach((s) => this.serviceIndex.set(s.id, s.index));
  }

  /** The body of request i of `batch` in `tick`. */
  requestBody(batch: RequestBatch, i: number, tick: number): ExchangeRequestV1Body {
    const purpose = batch.purpose[i];
    return {
      requestId: batch.requestId(tick, i),
      ordinal: batch.firstOrdinal + i,
      requester: this.world.departments[batch.requester[i]].id,
      owner: this.world.departments[batch.owner[i]].id,
      dataset: this.world.datasets[batch.dataset[i]].id,
      purpose: purpose >= 0 ? this.world.services[purpose].id : NO_SERVICE_PURPOSE,
      application: String(batch.application[i]),
    };
  }

  /** Decodes a request body of `tick`, or returns why it cannot be judged. */
  decodeRequest(body: ExchangeRequestV1Body, tick: number): DecodedRequest | WireRejection {
    const requester = this.departmentIndex.get(body.requester);
    const owner = this.departmentIndex.get(body.owner);
    const dataset = this.datasetIndex.get(body.dataset);
    const purpose = body.purpose === NO_SERVICE_PURPOSE ? -1 : this.serviceIndex.get(body.purpose);
    const application = /^(0|[1-9][0-9]{0,9})$/.test(body.application) ? Number(body.application) : undefined;
    if (requester === undefined || owner === undefined || dataset === undefined || purpose === undefined || application === undefined) {
      return { requestId: body.requestId, code: 'unknown_entity', detail: `request ${body.requestId}: names a department, dataset, service or application this run does not have` };
    }
    const decoded = { requestId: body.requestId, ordinal: body.ordinal, requester, owner, dataset, purpose, application };
    const expectedId = this.toBatch(decoded).requestId(tick, 0);
    if (this.world.datasets[dataset].owner !== owner || expectedId !== body.requestId || body.ordinal < 0) {
      return { requestId: body.requestId, code: 'inconsistent_request', detail: `request ${body.requestId}: fields do not match the id (expected ${expectedId}) or the dataset's owner` };
    }
    return decoded;
  }

  /** A one-request batch holding `request` at its ordinal, for the rules' per-request steps. Reused: not re-entrant. */
  toBatch(request: DecodedRequest): RequestBatch {
    const batch = this.scratch;
    batch.length = 0;
    batch.firstOrdinal = request.ordinal;
    batch.push(request.requester, request.owner, request.dataset, request.purpose, request.application);
    batch.transformed[0] = 0;
    batch.minimised[0] = 0;
    return batch;
  }
}

/** The `exchange.outcome.v1` body of a terminal decision and reason (codes of @silolab/model). */
export function outcomeBody(requestId: string, decision: number, reason: number): ExchangeOutcomeV1Body {
  return { requestId, decision: DECISIONS[decision], reason: REASONS[reason], category: REASON_CATEGORY[reason] };
}
