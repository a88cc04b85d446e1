// The calibration file: which scenario parameters to fit (their prior ranges), to what target, and how (ABC).
import { z } from 'zod';
import { rangeSchema, sweepSchema } from '../sweep/sweep.schema';

/** The target: a CSV file of metric values per tick (a run's metrics.csv) or of summary moments (metric,value[,scale]). */
export const targetSchema = z.strictObject({
  file: z.string().min(1).describe('CSV file relative to the calibration file: per tick (a `tick` column, one column per metric) or moments (metric,value[,scale])'),
  metrics: z.array(z.string().min(1)).min(1).optional().describe('per tick: the metrics compared (default: every column but tick); moments: a subset of the rows'),
  from: z.number().int().min(0).default(0).describe('per tick: first tick compared (skip the warm-up)'),
  compare: z.enum(['ticks', 'means']).default('ticks').describe('per tick: compare every tick, or each metric’s mean over the ticks (less noisy)'),
});

/** Adaptive population Monte Carlo ABC (Lenormand, Jabot & Deffuant 2013). */
export const abcSchema = z.strictObject({
  particles: z.number().int().min(4).max(100000).default(100).describe('particles N simulated in the first generation'),
  keep: z.number().gt(0).lt(1).default(0.5).describe('α: the share of particles kept each generation (its distance quantile is the next tolerance)'),
  minAcceptance: z.number().gt(0).lt(1).default(0.05).describe('stop when fewer than this share of a generation’s new particles beat the previous tolerance'),
  generations: z.number().int().min(1).max(100).default(8).describe('stop after this many generations at most'),
});

/**
 * The whole file: the keys of a sweep file that say how runs are made (scenario, set, ticks, averageFrom,
 * replications per particle, seeds, rootSeed, confidence), `parameters` as prior ranges (uniform; log-uniform with
 * `scale: log`), the `target` and the `abc` settings.
 */
export const calibrationSchema = z
  .strictObject({
    name: sweepSchema.shape.name,
    description: sweepSchema.shape.description,
    scenario: sweepSchema.shape.scenario,
    set: sweepSchema.shape.set,
    parameters: z.record(z.string().min(1), rangeSchema).refine((p) => Object.keys(p).length > 0, 'give at least one parameter range { min, max } to fit').describe('scenario path → prior range'),
    replications: z.number().int().min(1).max(1000).default(1).describe('runs per particle (their mean is compared with the target)'),
    rootSeed: sweepSchema.shape.rootSeed,
    seeds: sweepSchema.shape.seeds,
    ticks: sweepSchema.shape.ticks,
    averageFrom: sweepSchema.shape.averageFrom,
    confidence: sweepSchema.shape.confidence,
    target: targetSchema,
    abc: abcSchema.default({ particles: 100, keep: 0.5, minAcceptance: 0.05, generations: 8 }),
  })
  .check((ctx) => {
    for (const path of Object.keys(ctx.value.parameters)) {
      if (path in ctx.value.set) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['set', path], message: 'is also a fitted parameter; set it in one place only' });
    }
    if (Math.floor(ctx.value.abc.particles * ctx.value.abc.keep) < 2) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['abc', 'keep'], message: 'keeps fewer than 2 particles: raise abc.particles or abc.keep' });
  });

/** A validated calibration file. */
export type CalibrationDefinition = z.output<typeof calibrationSchema>;
