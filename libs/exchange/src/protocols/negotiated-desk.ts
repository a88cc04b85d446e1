// The department desk of the `negotiated` protocol: each exchange is a contract negotiation between the requester
// (consumer) and the owner (provider), one signed message per step.
import type { ExchangeRules } from '@silolab/engine';
import * as model from '@silolab/model';
import { AGREEMENT } from '@silolab/policy';
import { departmentIndexOf } from '../department-identity';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from '../identities';
import { Outgoing, type NegotiationRows, type Parcel, type RequestRows } from '../exchange-rows';
import type { WireRejection } from '../exchange-wire';
import { idOf, notHere, rejectAll } from '../owner-desk';
import type { DepartmentDeskResult } from './exchange-protocol';
import { PeerDesk } from './peer-desk';
import { NEGOTIATION_STATES } from '@silolab/protocol';
import { consumerAnswer, isTerminal, MOVED_BY, NEGOTIATION, providerAnswer } from './negotiated-states';

const { REASON } = model;

/**
 * The conditional-data (有条件共享) terms a provider states in its answer, from the start-of-day state: a request
 * denied for want of an agreement opens an application due `replyDeadline` days later (the engine opens it when the
 * day closes); one denied while an application is pending names its due day, and whether it is overdue — then the
 * engine escalates it to a supervisor at the day's close unless the owner answers that day; an offer resting on an
 * agreement a supervisor granted after such an escalation says so. Returns [replyDue (−1 for none), escalated].
 */
export function conditionalTerms(rules: ExchangeRules, requester: number, dataset: number, reason: number): [number, number] {
  if (reason === REASON.no_agreement) return [rules.tick + rules.scenario.policies.conditional.replyDeadline, 0];
  const agreement = rules.state.agreements.get(requester * rules.world.datasets.length + dataset);
  if (!agreement) return [-1, 0];
  if (reason === REASON.agreement_pending) return [agreement.due, rules.tick >= agreement.due ? 1 : 0];
  return [-1, reason === REASON.ok && agreement.status === AGREEMENT.granted && agreement.breached ? 1 : 0];
}

/**
 * As requester (consumer), a department sends each new request to its owner as REQUESTED, signs evidence of it for the
 * hub, accepts every offer (ACCEPTED), verifies every agreement (VERIFIED), and reports the outcome to the
 * orchestrator when the negotiation ends. As owner (provider), it takes steps only from the request's requester,
 * checks the hub's grant, resolves the exchange with the engine's rules and answers by `providerAnswer`: OFFERED or
 * TERMINATED (permission check), AGREED or TERMINATED (owner decision), FINALIZED or TERMINATED (transfer), signing
 * evidence of the terminal outcome. Pure functions of the tick's rules and the message: a redelivered step sends
 * the same step again, and a step that skips one is answered as the skipped one would have been.
 */
export class NegotiatedDesk extends PeerDesk {
  protected toOwner(owner: Parcel, rows: RequestRows, k: number): void {
    owner.negotiations.pushStep(rows, k, NEGOTIATION.REQUESTED, -1, -1, -1, 0);
  }

  /** Exchange requests come only from the orchestrator here; between departments everything is a negotiation step. */
  async decide(tick: number, self: string, from: string, rows: RequestRows): Promise<DepartmentDeskResult> {
    return rejectAll(tick, rows, `${self} takes contract.negotiation.v1 steps from departments under negotiated, not exchange requests (from ${from})`);
  }

  async negotiate(tick: number, self: string, from: string, rows: NegotiationRows): Promise<DepartmentDeskResult> {
    if (!this.hosts(self)) return rejectAll(tick, rows, `${self} is not hosted here`);
    const tickRules = this.context.rules.builtFor(tick) ?? (await this.context.rules.rulesFor(tick));
    const { rules, wire } = tickRules;
    const result = { outgoing: new Outgoing(tick, wire), rejected: [] as WireRejection[], evidence: new Outgoing(tick, wire) };
    const selfIndex = departmentIndexOf(self);
    const sender = departmentIndexOf(from);
    let granted = false;
    for (let k = 0; k < rows.length; k++) {
      const state = rows.state[k];
      const asProvider = MOVED_BY[NEGOTIATION_STATES[state]] === 'consumer';
      const requester = rows.requester[k];
      const owner = rows.owner[k];
      const counterpart = asProvider ? requester : owner;
      if ((asProvider ? owner : requester) !== selfIndex) {
        result.rejected.push(notHere(idOf(tick, rows, k), self, asProvider ? 'owner' : 'requester'));
      } else if (sender !== counterpart) {
        result.rejected.push({ requestId: idOf(tick, rows, k), code: 'impersonation', detail: `${idOf(tick, rows, k)}: ${from} is not the request's ${asProvider ? 'requester' : 'owner'}; only it may send ${NEGOTIATION_STATES[state]} to ${self}` });
      } else if (asProvider) {
        // Throws when no valid grant covers the tick (BullMQ retries: the hub issues it when the tick opens).
        if (!granted) {
          await this.context.grants.verified(tick, tickRules.scenarioHash);
          granted = true;
        }
        const batch = wire.toBatch(rows.ordinal[k], requester, owner, rows.dataset[k], rows.purpose[k], rows.application[k]);
        rules.resolve(batch, 0);
        const answer = providerAnswer(state, batch.decision[0], batch.reason[0])!;
        const [replyDue, escalated] = conditionalTerms(rules, requester, rows.dataset[k], batch.reason[0]);
        result.outgoing.to(this.identity(requester)).negotiations.pushStep(rows, k, answer.state, answer.decision, answer.reason, replyDue, escalated);
        if (isTerminal(answer.state)) result.evidence.to(HUB_IDENTITY).outcomes.push(rows.ordinal[k], rows.application[k], requester, rows.dataset[k], answer.decision, answer.reason);
      } else if (isTerminal(state)) {
        result.outgoing.to(ORCHESTRATOR_IDENTITY).outcomes.push(rows.ordinal[k], rows.application[k], requester, rows.dataset[k], rows.decision[k], rows.reason[k]);
      } else {
        result.outgoing.to(this.identity(owner)).negotiations.pushStep(rows, k, consumerAnswer(state)!, -1, -1, rows.replyDue[k], rows.escalated[k]);
      }
    }
    return result;
  }
}
