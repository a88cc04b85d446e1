// The two non-department identities of the exchange protocol.
//
// Equal to HUB and ORCHESTRATOR of @silolab/protocol. Not imported from there because that index loads NestJS
// (ESM-only), which Jest cannot load; the use cases of this lib are tested in Jest.

/** The exchange hub's identity (its inbox queue is `hub`). */
export const HUB_IDENTITY = 'hub';
/** The orchestrator's identity (outcomes come back to its inbox). */
export const ORCHESTRATOR_IDENTITY = 'orchestrator';
