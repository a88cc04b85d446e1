// `hub`: the hub-mediated route — requester → hub (permission check) → owner → hub (transfer, ledger) → requester.
import { HUB_IDENTITY } from '../identities';
import { OwnerDesk } from '../owner-desk';
import type { ExchangeProtocol } from './exchange-protocol';

/**
 * Today's route (docs/transport.md §2): the requester sends its request to the hub, which checks it and sends only
 * allowed ones to the owner; the owner's decision comes back to the hub, which transfers on a share and reports the
 * outcome. The hub keeps the tick's book and chains the ledger from it.
 */
export const hubProtocol: ExchangeProtocol = {
  name: 'hub',
  description: 'requester → hub → owner → hub → orchestrator: the hub checks, routes, transfers and keeps the book',
  route: { allowed: ['orchestrator', 'requester', 'hub', 'owner', 'hub', 'orchestrator'], denied: ['orchestrator', 'requester', 'hub', 'orchestrator'] },
  permissionCheck: 'hub',
  evidence: ['hub'],
  hub: 'route',
  departmentDesk: ({ rules, hosted }) => new OwnerDesk(rules, hosted),
  reportsOutcome: (from) => from === HUB_IDENTITY,
};
