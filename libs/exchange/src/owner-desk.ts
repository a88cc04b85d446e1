// A department service's use cases: send its own requests to the hub, and decide requests for its data as owner.
import * as model from '@silolab/model';
import type { ExchangeRequestV1Body } from '@silolab/protocol';
import { departmentIdentity, departmentIndexOf } from './department-identity';
import type { DecodedRequest, WireRejection } from './exchange-wire';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from './identities';
import type { DeskResult } from './outgoing-message';
import type { TickRulesCache } from './tick-rules';

// Imported bindings compile to CommonJS re-export getters that run on every use; this module's per-exchange loops
// read module-level constants bound once instead (as the engine's hot path does).
const { REASON, REASONS } = model;

/**
 * The departments one process hosts. As a requester a department takes the requests its citizens' applications
 * raise (from the orchestrator, which runs demand) and sends them, signed as itself, to the hub. As an owner it
 * answers requests the hub has allowed, with the engine's `ownerDecision` on the start-of-tick state. It accepts
 * requests to decide only from the hub, so nothing reaches an owner around the permission check. Pure functions
 * of the tick's rules: a redelivered message produces the same messages again.
 */
export class OwnerDesk {
  constructor(
    private readonly rules: TickRulesCache,
    private readonly hosted: ReadonlySet<number>,
  ) {}

  /** True when this process hosts `identity`. */
  hosts(identity: string): boolean {
    return this.hosted.has(departmentIndexOf(identity));
  }

  /** Requests raised by demand for department `self`: checked and forwarded to the hub. */
  async forward(tick: number, self: string, from: string, bodies: readonly ExchangeRequestV1Body[], decodedBodies?: readonly DecodedRequest[]): Promise<DeskResult> {
    const result: DeskResult = { outgoing: [], rejected: [] };
    if (from !== ORCHESTRATOR_IDENTITY || !this.hosts(self)) return this.rejectAll(result, bodies, `${self} takes new requests only from ${ORCHESTRATOR_IDENTITY}, got one from ${from}`);
    const { wire } = await this.rules.rulesFor(tick);
    for (let k = 0; k < bodies.length; k++) {
      const body = bodies[k];
      const decoded = decodedBodies ? decodedBodies[k] : wire.decodeRequest(body, tick);
      if ('code' in decoded) result.rejected.push(decoded);
      else if (departmentIdentity(decoded.requester) !== self) result.rejected.push(notHere(body.requestId, self, 'requester'));
      else result.outgoing.push({ to: HUB_IDENTITY, type: 'exchange.request.v1', body });
    }
    return result;
  }

  /** Requests the hub allowed, to department `self` as owner: share or refuse with the dominant motive. */
  async decide(tick: number, self: string, from: string, bodies: readonly ExchangeRequestV1Body[], decodedBodies?: readonly DecodedRequest[]): Promise<DeskResult> {
    const result: DeskResult = { outgoing: [], rejected: [] };
    if (from !== HUB_IDENTITY || !this.hosts(self)) return this.rejectAll(result, bodies, `${self} decides only requests the hub allowed, got one from ${from}`);
    const { rules, wire } = await this.rules.rulesFor(tick);
    for (let k = 0; k < bodies.length; k++) {
      const body = bodies[k];
      const decoded = decodedBodies ? decodedBodies[k] : wire.decodeRequest(body, tick);
      if ('code' in decoded) {
        result.rejected.push(decoded);
        continue;
      }
      if (departmentIdentity(decoded.owner) !== self) {
        result.rejected.push(notHere(body.requestId, self, 'owner'));
        continue;
      }
      const reason = rules.ownerDecision(wire.toBatch(decoded), 0);
      const decision = { requestId: body.requestId, decision: reason === REASON.ok ? ('share' as const) : ('refuse' as const), reason: reason === REASON.ok ? null : REASONS[reason] };
      result.outgoing.push({ to: HUB_IDENTITY, type: 'exchange.decision.v1', body: decision, ordinal: decoded.ordinal });
    }
    return result;
  }

  private rejectAll(result: DeskResult, bodies: readonly { requestId: string }[], detail: string): DeskResult {
    for (const body of bodies) result.rejected.push({ requestId: body.requestId, code: 'not_addressed_here', detail: `${body.requestId}: ${detail}` });
    return result;
  }
}

function notHere(requestId: string, self: string, role: 'requester' | 'owner'): WireRejection {
  return { requestId, code: 'not_addressed_here', detail: `${requestId}: ${self} is not the request's ${role}` };
}
