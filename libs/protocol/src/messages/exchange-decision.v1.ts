// Body of `exchange.decision.v1`: the owner's answer to an allowed request — share or refuse.
import { z } from 'zod';

/** Wire type of an owner decision. */
export const EXCHANGE_DECISION_V1 = 'exchange.decision.v1' as const;

/** Body of `exchange.decision.v1`; `reason` is null when the owner shares. */
export const exchangeDecisionV1Body = z.strictObject({
  requestId: z.string().min(1),
  decision: z.enum(['share', 'refuse']),
  reason: z.string().nullable(),
});

/** A validated `exchange.decision.v1` body. */
export type ExchangeDecisionV1Body = z.infer<typeof exchangeDecisionV1Body>;
