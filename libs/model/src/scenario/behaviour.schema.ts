// How owners decide: utility-logit (default), fixed (null model) or imitation, and how they learn.
import { z } from 'zod';

/** The 2×2 share/refuse game: payoffs to the deciding department given its own and its partner's action. */
export const gameSchema = z.strictObject({
  shareShare: z.number(),
  shareRefuse: z.number(),
  refuseShare: z.number(),
  refuseRefuse: z.number(),
  initialShareFraction: z.number().min(0).max(1).default(0.5),
});

/** Owner behaviour and learning parameters (see docs/model.md for the equations). */
export const behaviourSchema = z
  .strictObject({
    model: z.enum(['utility-logit', 'fixed', 'imitation']).default('utility-logit'),
    beta: z.number().min(0).default(2).describe('logit sensitivity β'),
    publicServiceMotivation: z.number().default(2).describe('intrinsic utility of sharing for a public purpose'),
    baseEffort: z.number().min(0).default(0.3).describe('effort of any transfer'),
    fixedShareProbability: z.number().min(0).max(1).default(0.5).describe('`fixed`: chance to share'),
    imitationStrength: z.number().min(0).default(1).describe('`imitation`: Fermi selection strength s'),
    mutationRate: z.number().min(0).max(1).default(0).describe('`imitation`: chance to act against the strategy'),
    initialShareFraction: z.number().min(0).max(1).default(0.5).describe('`imitation`: departments starting with the share strategy'),
    requesterBenefit: z.number().min(0).default(1).describe('`imitation`: payoff to a requester per delivered dataset'),
    learning: z
      .strictObject({
        reciprocityRate: z.number().min(0).max(1).default(0.15),
        trustRate: z.number().min(0).max(1).default(0.1),
        riskRate: z.number().min(0).max(1).default(0.1),
        ownExperienceWeight: z.number().min(0).max(1).default(0.5).describe('weight of own leaks vs public leaks in perceived risk'),
        leakTrustShock: z.number().min(0).max(1).default(0.3),
        initialReciprocityWithin: z.number().min(0).max(1).default(0.75),
        initialReciprocityAcross: z.number().min(0).max(1).default(0.45),
        initialTrustWithin: z.number().min(0).max(1).default(0.65),
        initialTrustAcross: z.number().min(0).max(1).default(0.55),
        initialPerceivedRisk: z.number().min(0).max(1).default(0.005).describe('prior chance a delivered copy leaks and is detected'),
      })
      .prefault({}),
  })
  .prefault({});

/** Leak process. */
export const leaksSchema = z
  .strictObject({
    rate: z.number().min(0).max(1).default(0.025).describe('chance a delivered copy leaks, times (1 − holder security capability)'),
    nonPersonalPenaltyWeight: z.number().min(0).max(1).default(0.3).describe('share of the leak penalty for non-personal data'),
  })
  .prefault({});
