// A worked example of an exchange protocol (docs/protocols.md §2): `precheck` is `direct` with the permission check
// moved to the requester's end. The requester's endpoint checks each new request under the hub's signed grant before
// anything leaves it: a request the rules deny is answered at once, by the requester, and never reaches the owner
// (two hops instead of three); an allowed one goes to the owner, which decides exactly as under `direct`.
//
// Build it with the project (`npm run build` writes dist/examples/protocols/precheck.protocol.js) and run it with
//   silolab run workshop-small --transport redis --delivery message \
//     --protocol-module dist/examples/protocols/precheck.protocol.js --protocol precheck
import { DECISION, REASON } from '@silolab/model';
import {
  departmentIdentity,
  departmentIndexOf,
  DirectDesk,
  HUB_IDENTITY,
  idOf,
  notHere,
  ORCHESTRATOR_IDENTITY,
  Outgoing,
  rejectAll,
  type DepartmentDesk,
  type DepartmentDeskContext,
  type DepartmentDeskResult,
  type ExchangeProtocol,
  type RequestRows,
  type WireRejection,
} from '@silolab/exchange';

/**
 * The department desk. As owner it is `direct`'s (composition: only `forward` differs). As requester it runs the
 * permission check — the same `hubCheck` the hub runs under `hub`, so the outcome cannot depend on who runs it — and:
 * - a denied request: sends the terminal outcome (denied, with the reason) to the orchestrator, and signs evidence of
 *   the request and of the outcome for the hub, which collects both when the tick closes;
 * - an allowed one: sends it to the owner and signs evidence of the request, as under `direct`.
 * Pure in the tick's rules: a redelivered request sends the same messages and evidence again.
 */
class PrecheckDesk implements DepartmentDesk {
  private readonly owner: DirectDesk;

  constructor(private readonly context: DepartmentDeskContext) {
    this.owner = new DirectDesk(context);
  }

  async forward(tick: number, self: string, from: string, rows: RequestRows): Promise<DepartmentDeskResult> {
    if (from !== ORCHESTRATOR_IDENTITY || !this.context.hosted.has(departmentIndexOf(self))) return rejectAll(tick, rows, `${self} takes new requests only from ${ORCHESTRATOR_IDENTITY}, got one from ${from}`);
    const tickRules = await this.context.rules.rulesFor(tick);
    // The requester checks only under a grant the hub signed for this tick's rules (throws otherwise: BullMQ retries).
    await this.context.grants.verified(tick, tickRules.scenarioHash);
    const { rules, wire } = tickRules;
    const result = { outgoing: new Outgoing(tick, wire), rejected: [] as WireRejection[], evidence: new Outgoing(tick, wire) };
    const sentEvidence = result.evidence.to(HUB_IDENTITY).requests;
    const deniedEvidence = result.evidence.to(HUB_IDENTITY).outcomes;
    const selfIndex = departmentIndexOf(self);
    for (let k = 0; k < rows.length; k++) {
      if (rows.requester[k] !== selfIndex) {
        result.rejected.push(notHere(idOf(tick, rows, k), self, 'requester'));
        continue;
      }
      const [ordinal, requester, owner, dataset, purpose, application] = [rows.ordinal[k], rows.requester[k], rows.owner[k], rows.dataset[k], rows.purpose[k], rows.application[k]];
      // Evidence of every request the requester handled, allowed or not: the hub runs its own check on it.
      sentEvidence.push(ordinal, requester, owner, dataset, purpose, application);
      const reason = rules.hubCheck(wire.toBatch(ordinal, requester, owner, dataset, purpose, application), 0);
      if (reason === REASON.ok) {
        result.outgoing.to(departmentIdentity(owner)).requests.push(ordinal, requester, owner, dataset, purpose, application);
      } else {
        result.outgoing.to(ORCHESTRATOR_IDENTITY).outcomes.push(ordinal, application, requester, dataset, DECISION.denied, reason);
        deniedEvidence.push(ordinal, application, requester, dataset, DECISION.denied, reason);
      }
    }
    return result;
  }

  decide(tick: number, self: string, from: string, rows: RequestRows): Promise<DepartmentDeskResult> {
    return this.owner.decide(tick, self, from, rows);
  }
}

/** The protocol: what the registry, the lab's table and the services read. A module exports it as `protocol`. */
export const protocol: ExchangeProtocol = {
  name: 'precheck',
  description: 'requester (checks the hub-signed grant) → owner → orchestrator; a denied request stops at the requester',
  route: { allowed: ['orchestrator', 'requester', 'owner', 'orchestrator'], denied: ['orchestrator', 'requester', 'orchestrator'] },
  permissionCheck: 'requester',
  evidence: ['requester', 'owner'],
  hub: 'collect',
  departmentDesk: (context) => new PrecheckDesk(context),
  // A denied request's outcome comes from its requester, every other from its owner.
  reportsOutcome: (from, requester, owner) => [requester, owner].includes(departmentIndexOf(from)),
};
