// Where exchange requests come from: citizen services, random pairs (the null model) or game pairings.
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id (letters, digits, dashes)');

/** One dataset a service needs: from a department of `system`, in the applicant's region or another one. */
export const serviceNeedSchema = z.union([
  id.describe('a system id: data from that system, same region'),
  z.strictObject({
    system: id,
    region: z.enum(['same', 'other']).default('same').describe("the applicant's region or another region"),
  }),
]);

/** A citizen-facing service: applications per region per tick, the provider system and the data it needs. */
export const serviceSchema = z.strictObject({
  id,
  citizenGroup: id.default('general'),
  provider: id.describe('system whose department in the applicant region delivers the service'),
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
