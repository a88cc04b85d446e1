// The two non-department identities of the exchange protocol, as @silolab/protocol names them.
import { HUB, ORCHESTRATOR } from '@silolab/protocol';

// Plain constants (bound once, read on the per-exchange path: see docs/architecture.md, "Imports on hot paths").

/** The exchange hub's identity (its inbox queue is `hub`). */
export const HUB_IDENTITY: typeof HUB = HUB;
/** The orchestrator's identity (outcomes come back to its inbox). */
export const ORCHESTRATOR_IDENTITY: typeof ORCHESTRATOR = ORCHESTRATOR;
