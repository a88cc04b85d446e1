// Body of `tick.batch.v1`: one tick's exchange messages from one sender to one recipient, in one job.
import { z } from 'zod';
import { EXCHANGE_DECISION_V1, exchangeDecisionV1Body } from './exchange-decision.v1';
import { EXCHANGE_OUTCOME_V1, exchangeOutcomeV1Body } from './exchange-outcome.v1';
import { EXCHANGE_REQUEST_V1, exchangeRequestV1Body } from './exchange-request.v1';

/** Wire type of a per-tick batch. */
export const TICK_BATCH_V1 = 'tick.batch.v1' as const;

/** One batched message: an exchange body tagged with its wire type. */
export const tickBatchV1Item = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal(EXCHANGE_REQUEST_V1), body: exchangeRequestV1Body }),
  z.strictObject({ type: z.literal(EXCHANGE_DECISION_V1), body: exchangeDecisionV1Body }),
  z.strictObject({ type: z.literal(EXCHANGE_OUTCOME_V1), body: exchangeOutcomeV1Body }),
]);

/**
 * Body of `tick.batch.v1`. The batch shares the envelope's run, tick, sender and recipient;
 * its items keep their own content-derived ids (`${type}:${requestId}`), so whether a tick is
 * sent batched or message by message cannot change what the receiver computes.
 */
export const tickBatchV1Body = z.strictObject({
  items: z.array(tickBatchV1Item),
});

/** One validated batch item. */
export type TickBatchV1Item = z.infer<typeof tickBatchV1Item>;
/** A validated `tick.batch.v1` body. */
export type TickBatchV1Body = z.infer<typeof tickBatchV1Body>;
