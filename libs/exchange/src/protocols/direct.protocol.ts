// `direct` (X-Road-like): the requester's and the owner's endpoints talk directly; the hub grants and collects evidence.
import { departmentIndexOf } from '../department-identity';
import { DirectDesk } from './direct-desk';
import type { ExchangeProtocol } from './exchange-protocol';

/**
 * As X-Road's security servers do: the requester's endpoint sends its request straight to the owner's, which checks
 * it against the access rights the hub granted (a grant signed by the hub for the tick's rules, cached until it
 * expires), decides, transfers and answers. Both ends sign evidence of what they sent and decided; the hub collects
 * it when the tick closes, checks the two ends agree with each other and with the rules, and chains the ledger.
 * Three hops instead of five for an allowed request; none of them through the hub.
 */
export const directProtocol: ExchangeProtocol = {
  name: 'direct',
  description: 'requester → owner → orchestrator: the owner checks a hub-signed grant; both ends sign evidence the hub collects',
  route: { allowed: ['orchestrator', 'requester', 'owner', 'orchestrator'], denied: ['orchestrator', 'requester', 'owner', 'orchestrator'] },
  permissionCheck: 'owner',
  evidence: ['requester', 'owner'],
  hub: 'collect',
  departmentDesk: (context) => new DirectDesk(context),
  reportsOutcome: (from, _requester, owner) => departmentIndexOf(from) === owner,
};
