// Between one tick's world and the wire: readable ids out, indices back in, checked; exchange.*.v1 bodies both ways.
import { RequestBatch, requestIdOf } from '@silolab/engine';
import * as model from '@silolab/model';
import type { World } from '@silolab/model';
import type { ExchangeDecisionV1Body, ExchangeOutcomeV1Body, ExchangeRequestV1Body, TickBatchV1Item } from '@silolab/protocol';
import { DecisionRows, RequestRows, type Parcel } from './exchange-rows';

// Imported bindings compile to CommonJS re-export getters that run on every use; this module's per-exchange loops
// read module-level constants bound once instead (as the engine's hot path does).
const { DECISIONS, REASON_CATEGORY, REASONS } = model;

/** `purpose` on the wire for demand without a service. */
export const NO_SERVICE_PURPOSE = 'exchange';

/** A decode failure with a stable code (STYLE.md habit 7). */
export interface WireRejection {
  requestId: string;
  code: 'unknown_entity' | 'inconsistent_request' | 'impersonation' | 'not_addressed_here' | 'unknown_request' | 'stale_tick' | 'conflicting_outcome';
  detail: string;
}

/** The REASON code of a motive's name, −1 for none (null) and −2 for a name the model does not know. */
export function reasonCode(name: string | null): number {
  if (name === null) return -1;
  const code = (REASONS as readonly string[]).indexOf(name);
  return code < 0 ? -2 : code;
}

/**
 * Maps one tick's world to the wire and back: department, dataset and service ids as a protocol engineer reads
 * them, indices inside. Decoders check every request against the world (ids it has, a dataset its owner holds) and
 * recompute the content-derived request id of `exchange.request.v1`, so a body whose fields disagree with its id is
 * rejected rather than judged.
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

  /** A parcel as `exchange.*.v1` messages: requests, then decisions, then outcomes. */
  messages(parcel: Parcel, tick: number): TickBatchV1Item[] {
    const items: TickBatchV1Item[] = [];
    const { requests, decisions, outcomes } = parcel;
    for (let k = 0; k < requests.length; k++) {
      items.push({ type: 'exchange.request.v1', body: this.requestBody(tick, requests.ordinal[k], requests.requester[k], requests.owner[k], requests.dataset[k], requests.purpose[k], requests.application[k]) });
    }
    for (let k = 0; k < decisions.length; k++) {
      const share = decisions.share[k] === 1;
      const requestId = requestIdOf(tick, decisions.application[k], decisions.requester[k], decisions.dataset[k]);
      const body: ExchangeDecisionV1Body = { requestId, decision: share ? 'share' : 'refuse', reason: share ? null : REASONS[decisions.reason[k]] };
      items.push({ type: 'exchange.decision.v1', body });
    }
    for (let k = 0; k < outcomes.length; k++) {
      items.push({ type: 'exchange.outcome.v1', body: outcomeBody(requestIdOf(tick, outcomes.application[k], outcomes.requester[k], outcomes.dataset[k]), outcomes.decision[k], outcomes.reason[k]) });
    }
    return items;
  }

  /**
   * Decodes `exchange.request.v1` bodies of `tick` into `rows`; a body naming what this run does not have is
   * `unknown_entity`, one whose fields disagree with its id or whose dataset another department owns
   * `inconsistent_request`.
   */
  decodeRequests(bodies: readonly ExchangeRequestV1Body[], tick: number, rows: RequestRows, rejected: WireRejection[]): void {
    for (const body of bodies) {
      const requester = this.departmentIndex.get(body.requester);
      const owner = this.departmentIndex.get(body.owner);
      const dataset = this.datasetIndex.get(body.dataset);
      const purpose = body.purpose === NO_SERVICE_PURPOSE ? -1 : this.serviceIndex.get(body.purpose);
      const application = /^(0|[1-9][0-9]{0,9})$/.test(body.application) ? Number(body.application) : undefined;
      if (requester === undefined || owner === undefined || dataset === undefined || purpose === undefined || application === undefined || application > 0x7fffffff) {
        rejected.push({ requestId: body.requestId, code: 'unknown_entity', detail: `request ${body.requestId}: names a department, dataset, service or application this run does not have` });
        continue;
      }
      const expectedId = requestIdOf(tick, application, requester, dataset);
      if (this.world.datasets[dataset].owner !== owner || expectedId !== body.requestId || body.ordinal < 0) {
        rejected.push({ requestId: body.requestId, code: 'inconsistent_request', detail: `request ${body.requestId}: fields do not match the id (expected ${expectedId}) or the dataset's owner` });
        continue;
      }
      rows.push(body.ordinal, requester, owner, dataset, purpose, application);
    }
  }

  /** Decodes `exchange.decision.v1` bodies; `ordinalOf` names the ordinal of a request id (the hub's book). */
  decodeDecisions(bodies: readonly ExchangeDecisionV1Body[], tick: number, ordinalOf: (requestId: string) => number | undefined, rows: DecisionRows, rejected: WireRejection[]): void {
    for (const body of bodies) {
      const ordinal = ordinalOf(body.requestId);
      if (ordinal === undefined) {
        rejected.push({ requestId: body.requestId, code: 'unknown_request', detail: `decision for ${body.requestId}: the hub has no such request in tick ${tick}` });
        continue;
      }
      rows.push(ordinal, -1, -1, -1, body.decision === 'share' ? 1 : 0, reasonCode(body.reason));
    }
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
