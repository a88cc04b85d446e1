// Body of `tick.chunk.v1`: the orchestrator announces a chunk of a tick's requests to the hub before sending them.
import { z } from 'zod';

/** Wire type of a chunk announcement. */
export const TICK_CHUNK_V1 = 'tick.chunk.v1' as const;

/**
 * Body of `tick.chunk.v1` (the tick is the envelope's): the chunk's requests have the ordinals first … first + count − 1.
 * In batch delivery the hub answers a chunk as a whole: one batch per owner once it holds every request of the chunk,
 * one outcome batch to the orchestrator once every one is terminal.
 */
export const tickChunkV1Body = z.strictObject({
  first: z.number().int().nonnegative(),
  count: z.number().int().positive(),
});

/** A validated `tick.chunk.v1` body. */
export type TickChunkV1Body = z.infer<typeof tickChunkV1Body>;
