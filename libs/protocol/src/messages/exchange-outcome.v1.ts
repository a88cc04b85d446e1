// Body of `exchange.outcome.v1`: the terminal result of one exchange request, as the hub records it.
import { z } from 'zod';

/** Wire type of a terminal exchange outcome. */
export const EXCHANGE_OUTCOME_V1 = 'exchange.outcome.v1' as const;

/**
 * Body of `exchange.outcome.v1`. `decision` is terminal: shared, refused (by the owner), denied
 * (by the hub's permission check) or failed (transfer). `category` maps the reason to the
 * essay's three obstacles — unwilling 不愿, unable 不会, afraid 不敢 — or null where none fits.
 */
export const exchangeOutcomeV1Body = z.strictObject({
  requestId: z.string().min(1),
  decision: z.enum(['shared', 'refused', 'denied', 'failed']),
  reason: z.string(),
  category: z.enum(['unwilling', 'unable', 'afraid']).nullable(),
});

/** A validated `exchange.outcome.v1` body. */
export type ExchangeOutcomeV1Body = z.infer<typeof exchangeOutcomeV1Body>;
