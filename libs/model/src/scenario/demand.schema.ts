// Where exchange requests come from: citizen services, random pairs (the null model) or game pairings.
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id (letters, digits, dashes)');

/**
 * Where a need's owner is, relative to the applicant's region: `same`, `other` (another region of its level),
 * `parent` (the level above: 上级), `{ ancestor: <level> }` (its region at that level) or `{ within: <level> }`
 * (another region of its level under the same region of that level). The last three need nested regions.
 */
export const needRegionSchema = z.union([
  z.enum(['same', 'other', 'parent']),
  z.strictObject({ ancestor: id.describe('a level above the applicant: the owner is the applicant region’s ancestor there') }),
  z.strictObject({ within: id.describe('a level above the applicant: the owner is another region of the applicant’s level under the same ancestor') }),
]);

/** One dataset a service needs: from a department of `system`, in a region relative to the applicant's. */
export const serviceNeedSchema = z.union([
  id.describe('a system id: data from that system, same region'),
  z.strictObject({
    system: id,
    region: needRegionSchema.default('same').describe("where the owner is: same, other, parent, { ancestor: level } or { within: level }"),
  }),
]);

/** A citizen-facing service: applications per region per tick, the provider system and the data it needs. */
export const serviceSchema = z.strictObject({
  id,
  citizenGroup: id.default('general'),
  provider: id.describe('system whose department in the applicant region delivers the service'),
  level: id.optional().describe('nested regions: the level whose regions take applications (default: every region)'),
  applicationsPerTick: z.number().min(0).describe('applications per region per tick (fractional part is drawn)'),
  needs: z.array(serviceNeedSchema).min(1),
});

/** Demand: `services` (default), `random-pairs` (each ordered pair requests with a probability) or `pairing`. */
export const demandSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('services'),
    services: z.array(serviceSchema).min(1),
    minQuality: z.number().min(0).max(1).default(0.45).describe('delivered quality below this makes an application fail'),
  }),
  z.strictObject({
    mode: z.literal('random-pairs'),
    probability: z.number().min(0).max(1).describe('chance that a department requests from another one in a tick'),
  }),
  z.strictObject({
    mode: z.literal('pairing'),
    rounds: z.number().int().min(1).max(100).default(1).describe('random perfect matchings per tick; each pair requests both ways'),
  }),
]);
