// Body of `tick.close.v1`: the orchestrator closes a tick once every request in it is terminal.
import { z } from 'zod';

/** Wire type of a tick closing. */
export const TICK_CLOSE_V1 = 'tick.close.v1' as const;

/** Body of `tick.close.v1`; `expected` optionally states how many messages the tick carried. */
export const tickCloseV1Body = z.strictObject({
  tick: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative().optional(),
});

/** A validated `tick.close.v1` body. */
export type TickCloseV1Body = z.infer<typeof tickCloseV1Body>;
