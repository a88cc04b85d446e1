// The sweep file: one zod schema that validates, documents the defaults and produces the errors users see.
import { z } from 'zod';

/** A range sampled by the Latin-hypercube design. */
export const rangeSchema = z
  .strictObject({
    min: z.number().describe('lower end of the range (inclusive)'),
    max: z.number().describe('upper end of the range'),
    integer: z.boolean().default(false).describe('round samples to whole numbers'),
    scale: z.enum(['linear', 'log']).default('linear').describe('log: sample evenly in log space (needs min > 0)'),
  })
  .check((ctx) => {
    if (ctx.value.max < ctx.value.min) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['max'], message: `must be >= min (${ctx.value.min})` });
    if (ctx.value.scale === 'log' && !(ctx.value.min > 0)) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['min'], message: 'must be > 0 on a log scale' });
    if (ctx.value.integer && Math.floor(ctx.value.max) < Math.ceil(ctx.value.min)) {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: ['max'], message: 'the range holds no whole number' });
    }
  });

/** A list of levels, crossed with the other listed parameters (full factorial). */
export const levelsSchema = z.array(z.unknown()).min(1, 'expected at least one value').check((ctx) => {
  const seen = new Map<string, number>();
  ctx.value.forEach((value, index) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) ctx.issues.push({ code: 'custom', input: value, path: [index], message: `repeats the value at [${seen.get(key)}]` });
    else seen.set(key, index);
  });
});

/** A varied parameter: `[a, b, c]` or `{ min, max, integer?, scale? }`. */
export const parameterValuesSchema = z.unknown().transform((value, ctx) => {
  const schema = Array.isArray(value) ? levelsSchema : value !== null && typeof value === 'object' ? rangeSchema : null;
  if (!schema) {
    ctx.issues.push({ code: 'custom', input: value, message: 'expected a list of values [a, b, …] (full factorial) or a range { min, max } (Latin hypercube)' });
    return z.NEVER;
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) ctx.issues.push({ ...issue, input: value } as never);
    return z.NEVER;
  }
  return result.data;
});

/**
 * How the points are chosen. `grid` (the default): lists crossed into a full factorial, ranges sampled by a Latin
 * hypercube. `points`: every row of a CSV file (an external design, e.g. from SALib). `morris` and `sobol`: the
 * designs of a global sensitivity analysis (Morris trajectories; Saltelli's A, B, A_B^(i) matrices), analysed when
 * the outputs are written.
 */
export const designSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('grid') }),
  z.strictObject({
    method: z.literal('points'),
    file: z.string().min(1).describe('CSV file (relative to the sweep file): a header of scenario paths, one row per point'),
  }),
  z.strictObject({
    method: z.literal('morris'),
    trajectories: z.number().int().min(2).max(10000).default(10).describe('Morris trajectories r: r·(d + 1) points'),
    levels: z.number().int().min(2).max(64).default(4).refine((p) => p % 2 === 0, 'expected an even number of levels').describe('grid levels p (even)'),
    bootstrap: z.number().int().min(0).max(100000).default(1000).describe('bootstrap resamples for the intervals of μ*'),
  }),
  z.strictObject({
    method: z.literal('sobol'),
    samples: z.number().int().min(2).max(100000).default(64).describe('base samples N of the Saltelli sample: N·(d + 2) points'),
    bootstrap: z.number().int().min(0).max(100000).default(1000).describe('bootstrap resamples for the intervals of the indices'),
  }),
]);

/** The `design` key as written: a method name alone (`design: morris`) or an object with its settings. */
const designInputSchema = z.preprocess((value) => (typeof value === 'string' ? { method: value } : value), designSchema);

/** The whole sweep file. Paths in `set` and `parameters` are dotted scenario paths. */
export const sweepSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a name of letters, digits, ".", "_" or "-"'),
    description: z.string().default(''),
    scenario: z.string().min(1).describe('base scenario: a file (relative to the sweep file) or a preset name'),
    set: z.record(z.string().min(1), z.unknown()).default({}).describe('scenario values fixed for every run'),
    parameters: z.record(z.string().min(1), parameterValuesSchema).default({}).describe('scenario path → levels or range'),
    design: designInputSchema.default({ method: 'grid' }).describe('how points are chosen: grid (default), points (a CSV file), morris or sobol'),
    samples: z.number().int().min(1).max(100000).optional().describe('Latin-hypercube sample count (needed with ranges)'),
    replications: z.number().int().min(1).max(10000).default(5).describe('runs per parameter point, each with its own seed'),
    rootSeed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1).describe('every run seed is derived from it'),
    seeds: z.enum(['independent', 'common']).default('independent').describe('common: every point uses the same seeds (paired design)'),
    ticks: z.number().int().min(1).max(100000).optional().describe('ticks per run (default: the scenario ticks)'),
    averageFrom: z.number().int().min(0).default(0).describe('first tick of the time averages (mean.* columns): a warm-up to skip'),
    metrics: z
      .array(z.string().min(1))
      .min(1)
      .default(['sharingRate', 'siloIndex', 'modularity', 'serviceCompletion', 'meanTrust', 'total.refusals.unwilling', 'total.refusals.unable', 'total.refusals.afraid'])
      .describe('runs.csv columns to summarise; a bare metric name means its time average (mean.<metric>)'),
    confidence: z.number().gt(0).lt(1).default(0.95).describe('confidence level of the intervals'),
  })
  .check((ctx) => {
    for (const path of Object.keys(ctx.value.parameters)) {
      if (path in ctx.value.set) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['set', path], message: 'is also a varied parameter; set it in one place only' });
    }
    const method = ctx.value.design.method;
    const parameterCount = Object.keys(ctx.value.parameters).length;
    if (method === 'points' && parameterCount > 0) {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: ['parameters'], message: 'a points design takes its parameters from the header of design.file; remove parameters' });
    }
    if ((method === 'morris' || method === 'sobol') && parameterCount === 0) {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: ['parameters'], message: `a ${method} design needs parameters: ranges { min, max } or lists of levels` });
    }
    if (method !== 'grid') {
      if (ctx.value.samples !== undefined) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['samples'], message: `only used by the grid design (Latin-hypercube samples); ${method === 'sobol' ? 'use design.samples' : 'remove it'}` });
      return;
    }
    const ranges = Object.entries(ctx.value.parameters).filter(([, values]) => !Array.isArray(values));
    if (ranges.length > 0 && ctx.value.samples === undefined) {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: ['samples'], message: `required with range parameters (${ranges.map(([path]) => path).join(', ')}): the number of Latin-hypercube samples` });
    }
    if (ranges.length === 0 && ctx.value.samples !== undefined) {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: ['samples'], message: 'only used with range parameters { min, max }; remove it or give a parameter a range' });
    }
  });

/** A sweep file as written. */
export type SweepInput = z.input<typeof sweepSchema>;
/** A validated sweep file with every default filled in. */
export type SweepDefinition = z.output<typeof sweepSchema>;
