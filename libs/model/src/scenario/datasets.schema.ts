// How each department's datasets are drawn: share type mix, personal data, quality and production cost.
import { z } from 'zod';
import { spreadOf } from './distribution.schema';

/** Dataset generation. Share types follow China's 2016 interim measures: 无条件 / 有条件 / 不予共享. */
export const datasetsSchema = z
  .strictObject({
    shareTypes: z
      .strictObject({
        unconditional: z.number().min(0).default(0.6).describe('weight of 无条件共享 datasets'),
        conditional: z.number().min(0).default(0.3).describe('weight of 有条件共享 datasets (need an agreement)'),
        notShareable: z.number().min(0).default(0.1).describe('weight of 不予共享 datasets'),
      })
      .prefault({})
      .refine((s) => s.unconditional + s.conditional + s.notShareable > 0, { message: 'share type weights must not all be 0' }),
    personalFraction: z.number().min(0).max(1).default(0.4).describe('fraction of datasets holding personal data'),
    quality: spreadOf(0.7, 0.15, 0, 1),
    productionCost: spreadOf(1, 0.3, 0),
  })
  .prefault({});
