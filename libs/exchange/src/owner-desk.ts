// A department service's use cases: send its own requests to the hub, and decide requests for its data as owner.
import { requestIdOf } from '@silolab/engine';
import * as model from '@silolab/model';
import { departmentIndexOf } from './department-identity';
import { decisionBody, type WireRejection } from './exchange-wire';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from './identities';
import { Outgoing, type DeskResult, type RequestRows } from './exchange-rows';
import type { TickRules, TickRulesCache } from './tick-rules';
import type { RequestRow } from './v1-messages';
import type { DepartmentDesk, DeskAnswer } from './protocols/exchange-protocol';

// Bound once (hot path): see docs/architecture.md, "Imports on hot paths".
const { REASON } = model;

/**
 * The departments one process hosts. As a requester a department takes the requests its citizens' applications
 * raise (from the orchestrator, which runs demand) and sends them, signed as itself, to the hub. As an owner it
 * answers requests the hub has allowed, with the engine's `ownerDecision` on the start-of-tick state. It accepts
 * requests to decide only from the hub, so nothing reaches an owner around the permission check. Pure functions
 * of the tick's rules: a redelivered message produces the same messages again.
 */
export class OwnerDesk implements DepartmentDesk {
  constructor(
    private readonly rules: TickRulesCache,
    private readonly hosted: ReadonlySet<number>,
  ) {}

  /** `self`'s department index when this process hosts it and the message came from `expected`, else −1. */
  private addressed(self: string, from: string, expected: string): number {
    const index = departmentIndexOf(self);
    return from === expected && this.hosted.has(index) ? index : -1;
  }

  /** Requests raised by demand for department `self`: checked and forwarded to the hub. */
  async forward(tick: number, self: string, from: string, rows: RequestRows): Promise<DeskResult> {
    const selfIndex = this.addressed(self, from, ORCHESTRATOR_IDENTITY);
    if (selfIndex < 0) return rejectAll(tick, rows, onlyNewFromOrchestrator(self, from));
    const { wire } = this.rules.builtFor(tick) ?? (await this.rules.rulesFor(tick));
    const result: DeskResult = { outgoing: new Outgoing(tick, wire), rejected: [] };
    const hub = result.outgoing.to(HUB_IDENTITY).requests;
    for (let k = 0; k < rows.length; k++) {
      if (rows.requester[k] !== selfIndex) result.rejected.push(notHere(idOf(tick, rows, k), self, 'requester'));
      else hub.push(rows.ordinal[k], rows.requester[k], rows.owner[k], rows.dataset[k], rows.purpose[k], rows.application[k]);
    }
    return result;
  }

  /** One new request of department `self`, delivered alone (`message`): the request to the hub, or why it is refused. */
  forwardOne(tick: number, self: string, from: string, request: RequestRow, { wire }: TickRules): DeskAnswer {
    const selfIndex = this.addressed(self, from, ORCHESTRATOR_IDENTITY);
    if (selfIndex < 0) return notAddressed(tick, request, onlyNewFromOrchestrator(self, from));
    if (request.requester !== selfIndex) return notHere(rowId(tick, request), self, 'requester');
    return { to: HUB_IDENTITY, type: 'exchange.request.v1', body: wire.requestBody(tick, request.ordinal, request.requester, request.owner, request.dataset, request.purpose, request.application) };
  }

  /** One request the hub allowed, to department `self` as owner, delivered alone (`message`): its decision, or why it is refused. */
  decideOne(tick: number, self: string, from: string, request: RequestRow, { rules, wire }: TickRules): DeskAnswer {
    const selfIndex = this.addressed(self, from, HUB_IDENTITY);
    if (selfIndex < 0) return notAddressed(tick, request, onlyAllowedFromHub(self, from));
    if (request.owner !== selfIndex) return notHere(rowId(tick, request), self, 'owner');
    const reason = rules.ownerDecision(wire.toBatch(request.ordinal, request.requester, request.owner, request.dataset, request.purpose, request.application), 0);
    return { to: HUB_IDENTITY, type: 'exchange.decision.v1', body: decisionBody(rowId(tick, request), reason === REASON.ok ? 1 : 0, reason) };
  }

  /** Requests the hub allowed, to department `self` as owner: share or refuse with the dominant motive. */
  async decide(tick: number, self: string, from: string, rows: RequestRows): Promise<DeskResult> {
    const selfIndex = this.addressed(self, from, HUB_IDENTITY);
    if (selfIndex < 0) return rejectAll(tick, rows, onlyAllowedFromHub(self, from));
    const { rules, wire } = this.rules.builtFor(tick) ?? (await this.rules.rulesFor(tick));
    const result: DeskResult = { outgoing: new Outgoing(tick, wire), rejected: [] };
    const hub = result.outgoing.to(HUB_IDENTITY).decisions;
    for (let k = 0; k < rows.length; k++) {
      const ordinal = rows.ordinal[k];
      const requester = rows.requester[k];
      const owner = rows.owner[k];
      const dataset = rows.dataset[k];
      const application = rows.application[k];
      if (owner !== selfIndex) {
        result.rejected.push(notHere(idOf(tick, rows, k), self, 'owner'));
        continue;
      }
      const reason = rules.ownerDecision(wire.toBatch(ordinal, requester, owner, dataset, rows.purpose[k], application), 0);
      hub.push(ordinal, application, requester, dataset, reason === REASON.ok ? 1 : 0, reason === REASON.ok ? -1 : reason);
    }
    return result;
  }
}

/** The content-derived id of row k (for rejections). */
export function idOf(tick: number, rows: RequestRows, k: number): string {
  return requestIdOf(tick, rows.application[k], rows.requester[k], rows.dataset[k]);
}

/** Why `self` refuses new requests from `from`. */
export function onlyNewFromOrchestrator(self: string, from: string): string {
  return `${self} takes new requests only from ${ORCHESTRATOR_IDENTITY}, got one from ${from}`;
}

/** Why `self` refuses requests to decide from `from`. */
function onlyAllowedFromHub(self: string, from: string): string {
  return `${self} decides only requests the hub allowed, got one from ${from}`;
}

/** The content-derived id of a request alone (for rejections and decisions). */
export function rowId(tick: number, request: RequestRow): string {
  return requestIdOf(tick, request.application, request.requester, request.dataset);
}

/** A request alone refused as not addressed here (`rejectAll`'s rejection of it as one row). */
export function notAddressed(tick: number, request: RequestRow, detail: string): WireRejection {
  const requestId = rowId(tick, request);
  return { requestId, code: 'not_addressed_here', detail: `${requestId}: ${detail}` };
}

/** Every row refused as not addressed here. */
export function rejectAll(tick: number, rows: RequestRows, detail: string): DeskResult {
  const result: DeskResult = { outgoing: new Outgoing(tick, null), rejected: [] };
  for (let k = 0; k < rows.length; k++) result.rejected.push({ requestId: idOf(tick, rows, k), code: 'not_addressed_here', detail: `${idOf(tick, rows, k)}: ${detail}` });
  return result;
}

/** Row `requestId` names another department than `self` in `role`. */
export function notHere(requestId: string, self: string, role: 'requester' | 'owner'): WireRejection {
  return { requestId, code: 'not_addressed_here', detail: `${requestId}: ${self} is not the request's ${role}` };
}
