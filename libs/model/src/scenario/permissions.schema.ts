// Permission rules of the exchange hub: which checks run, in which order, with their parameters.
import { z } from 'zod';

/** The hub's checks, evaluated in the listed order; the first that fails gives the denial reason. */
export const PERMISSION_CHECKS = ['catalogue', 'shareType', 'purpose', 'agreement', 'clearance', 'minimisation'] as const;
export type PermissionCheckName = (typeof PERMISSION_CHECKS)[number];

/** Permission rules are data: the list of checks and their parameters. */
export const permissionsSchema = z
  .strictObject({
    checks: z
      .array(z.enum(PERMISSION_CHECKS))
      .default([...PERMISSION_CHECKS])
      .refine((c) => new Set(c).size === c.length, { message: 'each check may appear once' }),
    withinSystemExempt: z
      .array(z.enum(PERMISSION_CHECKS))
      .default(['catalogue', 'purpose', 'agreement'])
      .describe('checks skipped when requester and owner belong to the same system (data flowing up and down a line 条 uses its own vertical system)'),
    clearanceThreshold: z.number().min(0).max(1).default(0.5).describe('security capability a requester needs for personal data'),
    purposeErrorRate: z.number().min(0).max(1).default(0.03).describe('chance a request for conditional data states a purpose outside the agreement'),
    overreachRate: z.number().min(0).max(1).default(0.1).describe('chance a request asks for more fields than its purpose needs (trimmed by minimisation)'),
  })
  .prefault({});
