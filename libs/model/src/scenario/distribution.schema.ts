// A parameter drawn per entity: a mean and a spread (uniform on mean ± spread, clipped to the allowed range).
import { z } from 'zod';

/** A per-entity parameter: each entity draws `mean + spread·(2u − 1)` with a keyed uniform u, clipped to [min, max]. */
export const spreadOf = (mean: number, spread: number, min = 0, max = Number.POSITIVE_INFINITY) =>
  z
    .strictObject({
      mean: z.number().min(min).max(max).default(mean).describe('mean over entities'),
      spread: z.number().min(0).default(spread).describe('half-width of the uniform spread around the mean'),
    })
    .prefault({})
    .describe(`drawn per entity, clipped to [${min}, ${max}]`);

/** The parsed form of {@link spreadOf}. */
export interface Spread {
  mean: number;
  spread: number;
}
