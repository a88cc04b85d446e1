// The bodies the run API accepts, validated with one zod schema each; every problem is reported by its field path.
import { z } from 'zod';
import { formatPath, type InputIssue } from '@silolab/model';
import { OrchestrationError } from './orchestration.error';

/** Paces a run's clock may have, in ticks per second, besides 0 (as fast as possible): one tick per 100 s to 1000 a second. */
export const PACE_RANGE = { min: 0.01, max: 1000 } as const;

/** Why `pace` is not a pace a run may have, or null. (1e-300 would mean a wait beyond any timer: Node fires it at once.) */
export function paceProblem(pace: number): string | null {
  return pace === 0 || (pace >= PACE_RANGE.min && pace <= PACE_RANGE.max) ? null : `expected 0 (as fast as possible) or ticks per second between ${PACE_RANGE.min} and ${PACE_RANGE.max}, got ${pace}`;
}

/** Ticks per second of a run's clock; 0 means as fast as possible. Default {@link DEFAULT_TICKS_PER_SECOND}. */
const paceSchema = z
  .number()
  .superRefine((pace, ctx) => {
    const problem = paceProblem(pace);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(`ticks per second: 0 (as fast as possible) or ${PACE_RANGE.min}..${PACE_RANGE.max}`);

/** Pace of a new run when the request names none: slow enough for a room to watch. */
export const DEFAULT_TICKS_PER_SECOND = 2;

/** `POST /api/runs`: a preset or an inline scenario (exactly one), with optional seed, ticks, pace and overrides. */
export const startRunSchema = z
  .strictObject({
    preset: z.string().min(1).optional().describe('name of a preset in scenarios/ (GET /api/scenarios)'),
    scenario: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional().describe('inline scenario: YAML or JSON text, or an object'),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('random seed (default: the scenario seed)'),
    ticks: z.number().int().min(1).max(1_000_000).optional().describe('ticks to simulate (default: the scenario ticks)'),
    ticksPerSecond: paceSchema.optional(),
    paused: z.boolean().optional().describe('create the run paused (start it with resume or step)'),
    set: z.record(z.string(), z.unknown()).optional().describe('dotted scenario paths to change before the run'),
    storeLedger: z.boolean().optional().describe('store every ledger record (needs policies.provenance: full), readable at GET /api/runs/:id/ledger'),
    protocol: z
      .string()
      .regex(/^[a-z]{1,32}$/, 'expected a protocol name (lowercase letters)')
      .optional()
      .describe('redis transport only: the exchange protocol of this run (hub, direct, negotiated; default: silolab serve --protocol)'),
  })
  .refine((body) => (body.preset === undefined) !== (body.scenario === undefined), { message: 'give exactly one of preset or scenario', path: ['preset'] });
export type StartRunRequest = z.infer<typeof startRunSchema>;

/** `POST /api/runs/:id/levers`: a dotted scenario path and its new value (applies from the next tick). */
export const leverChangeSchema = z.strictObject({
  path: z.string().min(1).describe('dotted scenario path, e.g. policies.incentives.pointsPerShare'),
  value: z.unknown().refine((value) => value !== undefined, 'required').describe('the new value'),
});
export type LeverChangeRequest = z.infer<typeof leverChangeSchema>;

/** `POST /api/runs/:id/pace`. */
export const paceChangeSchema = z.strictObject({ ticksPerSecond: paceSchema });

/** `GET /api/runs/:id/metrics?from&to` (query strings, so integers are parsed from text). */
export const tickRangeSchema = z.strictObject({
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
});

/** `GET /api/runs/:id/ledger?fromSeq&limit`: stored ledger records from a position in the chain. */
export const ledgerQuerySchema = z.strictObject({
  fromSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** `GET /api/runs?limit&offset&status`. */
export const runListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  status: z.enum(['running', 'completed', 'failed', 'paused']).optional(),
});

/** Parses `input` with `schema`, or throws INVALID_INPUT listing every issue with its path. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw OrchestrationError.invalid(what, issuesOf(result.error));
}

function issuesOf(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => {
    const keys = 'keys' in issue && Array.isArray(issue.keys) && issue.keys.length ? issue.keys.join(', ') : '';
    const path = formatPath(issue.path);
    return { path: keys ? (path ? `${path}.${keys}` : keys) : path || '(body)', message: issue.message };
  });
}
