// Body of `tick.open.v1`: the orchestrator opens a tick (one working day) for its participants.
import { z } from 'zod';

/** Wire type of a tick opening. */
export const TICK_OPEN_V1 = 'tick.open.v1' as const;

/** Body of `tick.open.v1`; `expected` optionally announces how many messages the tick will carry. */
export const tickOpenV1Body = z.strictObject({
  tick: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative().optional(),
});

/** A validated `tick.open.v1` body. */
export type TickOpenV1Body = z.infer<typeof tickOpenV1Body>;
