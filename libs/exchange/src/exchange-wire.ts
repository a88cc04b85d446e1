// Between the engine's batch columns and the wire's exchange bodies: readable ids out, indices back in, checked.
import { RequestBatch } from '@silolab/engine';
import * as model from '@silolab/model';
import type { World } from '@silolab/model';
import type { ExchangeOutcomeV1Body, ExchangeRequestV1Body, TickBatchV2Requests } from '@silolab/protocol';

// Imported bindings compile to CommonJS re-export getters that run on every use; this module's per-exchange loops
// read module-level constants bound once instead (as the engine's hot path does).
const { DECISIONS, REASON_CATEGORY, REASONS } = model;

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

  /**
   * Decodes the request columns of a `tick.batch.v2` of `tick`: each distinct name is looked up once; an item whose
   * names this run does not have is `unknown_entity`, one whose dataset another department owns
   * `inconsistent_request`. Accepted items come back as decoded requests and as the `exchange.request.v1` bodies
   * they stand for (the request id derived from their fields).
   */
  decodeRequestColumns(columns: TickBatchV2Requests, tick: number): { bodies: ExchangeRequestV1Body[]; decoded: DecodedRequest[]; rejected: WireRejection[] } {
    const lookup = (index: Map<string, number>) => columns.names.map((name) => index.get(name) ?? -2);
    const departments = lookup(this.departmentIndex);
    const datasets = lookup(this.datasetIndex);
    const services = columns.names.map((name) => (name === NO_SERVICE_PURPOSE ? -1 : (this.serviceIndex.get(name) ?? -2)));
    const bodies: ExchangeRequestV1Body[] = [];
    const decoded: DecodedRequest[] = [];
    const rejected: WireRejection[] = [];
    for (let k = 0; k < columns.ordinal.length; k++) {
      const ordinal = columns.ordinal[k];
      const requester = departments[columns.requester[k]];
      const owner = departments[columns.owner[k]];
      const dataset = datasets[columns.dataset[k]];
      const purpose = services[columns.purpose[k]];
      const application = columns.application[k];
      if (requester < 0 || owner < 0 || dataset < 0 || purpose < -1 || application > 0x7fffffff) {
        rejected.push({ requestId: `#${ordinal}`, code: 'unknown_entity', detail: `request #${ordinal} of tick ${tick}: names a department, dataset, service or application this run does not have` });
        continue;
      }
      if (this.world.datasets[dataset].owner !== owner) {
        rejected.push({ requestId: `#${ordinal}`, code: 'inconsistent_request', detail: `request #${ordinal} of tick ${tick}: dataset ${columns.names[columns.dataset[k]]} is not owned by ${columns.names[columns.owner[k]]}` });
        continue;
      }
      const request: DecodedRequest = { requestId: '', ordinal, requester, owner, dataset, purpose, application };
      request.requestId = this.toBatch(request).requestId(tick, 0);
      decoded.push(request);
      bodies.push({
        requestId: request.requestId,
        ordinal,
        requester: columns.names[columns.requester[k]],
        owner: columns.names[columns.owner[k]],
        dataset: columns.names[columns.dataset[k]],
        purpose: columns.names[columns.purpose[k]],
        application: String(application),
      });
    }
    return { bodies, decoded, rejected };
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
