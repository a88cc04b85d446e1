// Human decisions: the owner decisions that people playing departments (workshop seats) take for a tick. They are
// inputs of a run, like the seed: recorded with their tick, seat and request, and replayed to the same digest.
import { z } from 'zod';
import { REFUSAL_CATEGORIES } from './reasons';

/** At most this many recorded decisions per run (a 100-seat workshop deciding 50 requests a tick for 100 ticks). */
export const MAX_DECISIONS = 500_000;

const decisionKeys = {
  tick: z.number().int().min(0).describe('the tick the request belongs to'),
  seat: z.string().min(1).max(200).describe('the id of the department played by the person (the owner of the request)'),
  request: z.string().min(1).max(200).describe('the request id, as the run showed it (t3-a17-r2-d40)'),
};

/** One person's decision on one request addressed to their department: share, or refuse with a reason. */
export const humanDecisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({ ...decisionKeys, decision: z.literal('share') }),
  z.strictObject({ ...decisionKeys, decision: z.literal('refuse'), reason: z.enum(REFUSAL_CATEGORIES).describe('不愿 unwilling, 不会 unable or 不敢 afraid') }),
]);

export const humanDecisionsSchema = z.array(humanDecisionSchema).max(MAX_DECISIONS);

export type HumanDecision = z.infer<typeof humanDecisionSchema>;

/** A lever a person (the facilitator) changed during a live run: from tick `at` on, the path has the value. */
export const leverChangeSchema = z.strictObject({
  at: z.number().int().min(0).describe('the first tick the change applies to'),
  path: z.string().min(1).max(200).describe('a changeable dotted scenario path'),
  value: z.unknown(),
});

export type RecordedLever = z.infer<typeof leverChangeSchema>;
