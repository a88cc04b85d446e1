// The departments: one per (system 条, region 块) cell, with their capabilities and behaviour parameters.
import { z } from 'zod';
import { spreadOf } from './distribution.schema';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id (letters, digits, dashes)');

/** A region (块). `citizenGroup` makes every application from this region count for that group (e.g. `remote`). */
export const regionSchema = z.union([
  name,
  z.strictObject({ id: name, citizenGroup: name.optional().describe('citizen group of applications from this region') }),
]);

/** One level of nested regions: its name, how many regions it has, and optionally their citizen group. */
export const regionLevelSchema = z.strictObject({
  name,
  count: z.number().int().min(1).max(100_000).describe('regions at this level, spread evenly over the level above'),
  citizenGroup: name.optional().describe('citizen group of applications from regions of this level'),
});

/**
 * Regions nested level by level (e.g. centre → province → prefecture → county): each level has at least as many
 * regions as the one above, and each region of a level hangs under one region of the level above.
 */
export const nestedRegionsSchema = z
  .strictObject({ levels: z.array(regionLevelSchema).min(1).max(8).describe('from the top level down') })
  .superRefine(({ levels }, context) => {
    const names = levels.map((level) => level.name);
    if (new Set(names).size !== names.length) context.addIssue({ code: 'custom', message: 'level names must be unique', path: ['levels'] });
    levels.forEach((level, l) => {
      if (l > 0 && level.count < levels[l - 1].count) context.addIssue({ code: 'custom', message: `a level needs at least as many regions as the level above (${levels[l - 1].count})`, path: ['levels', l, 'count'] });
    });
  });

/** Population: systems × regions, one department per cell (a ministry line's bureau in one territory). */
export const populationSchema = z
  .strictObject({
    systems: z.array(name).min(1).describe('vertical ministry lines (条)'),
    regions: z.union([z.array(regionSchema).min(1), nestedRegionsSchema]).describe('territorial blocks (块): a list, or nested levels'),
    securityCapability: spreadOf(0.6, 0.2, 0, 1).describe('how well a department protects data it holds (0..1)'),
    datasetsPerDepartment: z.number().int().min(1).max(64).default(4),
    ownershipAttachment: spreadOf(0.8, 0.3, 0).describe('weight of the production cost of a dataset in the ownership cost (unwillingness)'),
    riskAversion: spreadOf(1, 0.3, 0).describe('multiplier on expected liability (fear)'),
    reciprocityWeight: spreadOf(1.5, 0.3, 0).describe('weight of reciprocity towards the requester'),
  })
  .refine((p) => new Set(p.systems).size === p.systems.length, { message: 'system ids must be unique', path: ['systems'] });
