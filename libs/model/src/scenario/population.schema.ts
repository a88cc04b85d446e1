// The departments: one per (system 条, region 块) cell, with their capabilities and behaviour parameters.
import { z } from 'zod';
import { spreadOf } from './distribution.schema';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id (letters, digits, dashes)');

/** A region (块). `citizenGroup` makes every application from this region count for that group (e.g. `remote`). */
export const regionSchema = z.union([
  name,
  z.strictObject({ id: name, citizenGroup: name.optional().describe('citizen group of applications from this region') }),
]);

/** Population: systems × regions, one department per cell (a ministry line's bureau in one territory). */
export const populationSchema = z
  .strictObject({
    systems: z.array(name).min(1).describe('vertical ministry lines (条)'),
    regions: z.array(regionSchema).min(1).describe('territorial blocks (块)'),
    securityCapability: spreadOf(0.6, 0.2, 0, 1).describe('how well a department protects data it holds (0..1)'),
    datasetsPerDepartment: z.number().int().min(1).max(64).default(4),
    ownershipAttachment: spreadOf(0.8, 0.3, 0).describe('weight of the production cost of a dataset in the ownership cost (unwillingness)'),
    riskAversion: spreadOf(1, 0.3, 0).describe('multiplier on expected liability (fear)'),
    reciprocityWeight: spreadOf(1.5, 0.3, 0).describe('weight of reciprocity towards the requester'),
  })
  .refine((p) => new Set(p.systems).size === p.systems.length, { message: 'system ids must be unique', path: ['systems'] });
