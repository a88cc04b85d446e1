// The department desk of the `direct` protocol: requests go straight to their owner, which checks, decides and answers.
import { departmentIndexOf } from '../department-identity';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from '../identities';
import { Outgoing, type Parcel, type RequestRows } from '../exchange-rows';
import type { WireRejection } from '../exchange-wire';
import { idOf, notHere, rejectAll } from '../owner-desk';
import type { DepartmentDeskResult } from './exchange-protocol';
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

  async decide(tick: number, self: string, from: string, rows: RequestRows): Promise<DepartmentDeskResult> {
    if (!this.hosts(self)) return rejectAll(tick, rows, `${self} is not hosted here`);
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
        result.rejected.push({ requestId: idOf(tick, rows, k), code: 'impersonation', detail: `${idOf(tick, rows, k)}: ${from} is not the request's requester; only it may ask ${self}` });
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
