// `negotiated` (Dataspace Protocol / Eclipse EDC): every exchange is a contract negotiation between its two endpoints.
import { departmentIndexOf } from '../department-identity';
import type { ExchangeProtocol } from './exchange-protocol';
import { NegotiatedDesk } from './negotiated-desk';

/**
 * As a dataspace connector negotiates a contract before any data moves: the requester (consumer) asks, the owner
 * (provider) offers after its permission check, the consumer accepts, the provider agrees after its decision, the
 * consumer verifies the agreement, the provider transfers and finalizes — or terminates at any step with the model's
 * reason (docs/protocols.md §1). The owner checks the hub's signed grant as under `direct`; both ends sign evidence the
 * hub collects; the requester reports the outcome. Eight hops for an allowed request, six for a refused one, four for a denied one.
 */
export const negotiatedProtocol: ExchangeProtocol = {
  name: 'negotiated',
  description: 'requester ⇄ owner contract negotiation (REQUESTED → OFFERED → ACCEPTED → AGREED → VERIFIED → FINALIZED | TERMINATED), hub-signed grant, evidence collected',
  route: {
    allowed: ['orchestrator', 'requester', 'owner', 'requester', 'owner', 'requester', 'owner', 'requester', 'orchestrator'],
    denied: ['orchestrator', 'requester', 'owner', 'requester', 'orchestrator'],
    refused: ['orchestrator', 'requester', 'owner', 'requester', 'owner', 'requester', 'orchestrator'],
  },
  permissionCheck: 'owner',
  evidence: ['requester', 'owner'],
  hub: 'collect',
  departmentDesk: (context) => new NegotiatedDesk(context),
  reportsOutcome: (from, requester) => departmentIndexOf(from) === requester,
};
