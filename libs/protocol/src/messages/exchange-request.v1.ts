// Body of `exchange.request.v1`: a requester asks an owner for one dataset, for one purpose (DESIGN.md §3).
import { z } from 'zod';

/** Wire type of an exchange request. */
export const EXCHANGE_REQUEST_V1 = 'exchange.request.v1' as const;

/**
 * Body of `exchange.request.v1`. `requestId` is content-derived (tick, requester, dataset,
 * application) so redeliveries carry the same id; `ordinal` orders requests of one application.
 * Unknown keys are rejected: extend with `.extend({...})` under a new version instead.
 */
export const exchangeRequestV1Body = z.strictObject({
  requestId: z.string().min(1),
  ordinal: z.number().int(),
  requester: z.string().min(1),
  owner: z.string().min(1),
  dataset: z.string().min(1),
  purpose: z.string().min(1),
  application: z.string().min(1),
});

/** A validated `exchange.request.v1` body. */
export type ExchangeRequestV1Body = z.infer<typeof exchangeRequestV1Body>;
