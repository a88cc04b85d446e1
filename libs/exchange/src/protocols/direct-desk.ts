// The department desk of the `direct` protocol: requests go straight to their owner, which checks, decides and answers.
import { departmentIndexOf } from '../department-identity';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from '../identities';
import { Outgoing, type Parcel, type RequestRows } from '../exchange-rows';
import { outcomeBody, type WireRejection } from '../exchange-wire';
import { idOf, notAddressed, notHere, onlyNewFromOrchestrator, rejectAll, rowId } from '../owner-desk';
import type { TickRules } from '../tick-rules';
import type { RequestRow } from '../v1-messages';
import type { DepartmentDeskResult, DeskAnswer } from './exchange-protocol';
import { PeerDesk } from './peer-desk';

/**
 * As requester, a department sends each new request to its owner's endpoint and signs evidence of it. As owner, it
 * takes requests only from their requester, checks that the hub's grant covers the tick's rules, runs the engine's
 * steps in order — permission check, owner decision, transfer (`ExchangeRules.resolve`) — and sends the terminal
 * outcome to the orchestrator, with signed evidence of it for the hub. Pure functions of the tick's rules, so a
 * redelivered message sends the same messages and evidence again.
 */
export class DirectDesk extends PeerDesk {
  protected toOwner(owner: Parcel, rows: RequestRows, k: number): void {
    owner.requests.push(rows.ordinal[k], rows.requester[k], rows.owner[k], rows.dataset[k], rows.purpose[k], rows.application[k]);
  }

  /** One new request of `self` delivered alone: the request to its owner, and its evidence; or why it is refused. */
  forwardOne(tick: number, self: string, from: string, request: RequestRow, { wire }: TickRules, evidence: Parcel | null): DeskAnswer {
    if (from !== ORCHESTRATOR_IDENTITY || !this.hosts(self)) return notAddressed(tick, request, onlyNewFromOrchestrator(self, from));
    const { ordinal, requester, owner, dataset, purpose, application } = request;
    if (requester !== departmentIndexOf(self)) return notHere(rowId(tick, request), self, 'requester');
    evidence?.requests.push(ordinal, requester, owner, dataset, purpose, application);
    return { to: this.identity(owner), type: 'exchange.request.v1', body: wire.requestBody(tick, ordinal, requester, owner, dataset, purpose, application) };
  }

  /**
   * One request to `self` as owner delivered alone: its outcome to the orchestrator, and its evidence; or why it is
   * refused. Undefined while no verified grant covering the tick is cached (the rows path then reads it, or fails).
   */
  decideOne(tick: number, self: string, from: string, request: RequestRow, { rules, wire, scenarioHash }: TickRules, evidence: Parcel | null): DeskAnswer | undefined {
    if (!this.hosts(self)) return notAddressed(tick, request, notHosted(self));
    if (!this.context.grants.holds(tick, scenarioHash)) return undefined;
    const { ordinal, requester, owner, dataset, purpose, application } = request;
    if (owner !== departmentIndexOf(self)) return notHere(rowId(tick, request), self, 'owner');
    if (requester !== departmentIndexOf(from)) return notTheRequester(rowId(tick, request), self, from);
    const batch = wire.toBatch(ordinal, requester, owner, dataset, purpose, application);
    rules.resolve(batch, 0);
    const decision = batch.decision[0];
    const reason = batch.reason[0];
    evidence?.outcomes.push(ordinal, application, requester, dataset, decision, reason);
    return { to: ORCHESTRATOR_IDENTITY, type: 'exchange.outcome.v1', body: outcomeBody(rowId(tick, request), decision, reason) };
  }

  async decide(tick: number, self: string, from: string, rows: RequestRows): Promise<DepartmentDeskResult> {
    if (!this.hosts(self)) return rejectAll(tick, rows, notHosted(self));
    const tickRules = this.context.rules.builtFor(tick) ?? (await this.context.rules.rulesFor(tick));
    // Throws when no valid grant covers the tick (BullMQ retries: the hub issues it when the tick opens).
    await this.context.grants.verified(tick, tickRules.scenarioHash);
    const { rules, wire } = tickRules;
    const result = { outgoing: new Outgoing(tick, wire), rejected: [] as WireRejection[], evidence: new Outgoing(tick, wire) };
    const outcomes = result.outgoing.to(ORCHESTRATOR_IDENTITY).outcomes;
    const evidence = result.evidence.to(HUB_IDENTITY).outcomes;
    const selfIndex = departmentIndexOf(self);
    const sender = departmentIndexOf(from);
    for (let k = 0; k < rows.length; k++) {
      const ordinal = rows.ordinal[k];
      const requester = rows.requester[k];
      const dataset = rows.dataset[k];
      const application = rows.application[k];
      if (rows.owner[k] !== selfIndex) {
        result.rejected.push(notHere(idOf(tick, rows, k), self, 'owner'));
      } else if (requester !== sender) {
        result.rejected.push(notTheRequester(idOf(tick, rows, k), self, from));
      } else {
        const batch = wire.toBatch(ordinal, requester, selfIndex, dataset, rows.purpose[k], application);
        rules.resolve(batch, 0);
        outcomes.push(ordinal, application, requester, dataset, batch.decision[0], batch.reason[0]);
        evidence.push(ordinal, application, requester, dataset, batch.decision[0], batch.reason[0]);
      }
    }
    return result;
  }
}

/** Why a process refuses requests to a department it does not host. */
function notHosted(self: string): string {
  return `${self} is not hosted here`;
}

/** Request `requestId` to `self` comes from `from`, which is not its requester. */
function notTheRequester(requestId: string, self: string, from: string): WireRejection {
  return { requestId, code: 'impersonation', detail: `${requestId}: ${from} is not the request's requester; only it may ask ${self}` };
}
