// Body of `tick.batch.v2`: one tick's exchange messages of one kind from one sender to one recipient, as columns.
import { z } from 'zod';

/** Wire type of a columnar per-tick batch. */
export const TICK_BATCH_V2 = 'tick.batch.v2' as const;

/** Largest number of exchanges one batch may carry (a chunk of the engine is at most 65,536). */
export const TICK_BATCH_V2_MAX_ITEMS = 1 << 20;

/** Columns of each kind: names are indices into `names`, except `ordinal` and `application` (integers ≥ 0). */
const COLUMNS = {
  request: ['ordinal', 'requester', 'owner', 'dataset', 'purpose', 'application'],
  decision: ['ordinal', 'decision', 'reason'],
  outcome: ['ordinal', 'decision', 'reason'],
  negotiation: ['ordinal', 'requester', 'owner', 'dataset', 'purpose', 'application', 'state', 'decision', 'reason', 'replyDue', 'escalated'],
} as const;
/** Columns holding plain integers ≥ 0 rather than indices into `names`. */
const PLAIN = new Set(['ordinal', 'application', 'replyDue', 'escalated']);
/** Columns of each kind that may hold −1 (none). */
const OPTIONAL: Partial<Record<keyof typeof COLUMNS, ReadonlySet<string>>> = {
  decision: new Set(['reason']),
  negotiation: new Set(['decision', 'reason', 'replyDue']),
};

const column = z.custom<number[]>((value) => Array.isArray(value), { message: 'expected an array of integers' });
const names = z.array(z.string().min(1)).max(TICK_BATCH_V2_MAX_ITEMS);

/**
 * Structural check of a batch's columns in one pass, no schema per item: every column is as long as `ordinal`,
 * holds integers, plain columns are ≥ 0, name columns index `names` (a decision's `reason` may be −1: none).
 */
function checkColumns(body: { kind: keyof typeof COLUMNS; names: string[] } & Record<string, unknown>, ctx: z.RefinementCtx): void {
  const length = (body.ordinal as number[]).length;
  if (length > TICK_BATCH_V2_MAX_ITEMS) ctx.addIssue({ code: 'custom', path: ['ordinal'], message: `expected at most ${TICK_BATCH_V2_MAX_ITEMS} items, got ${length}` });
  for (const name of COLUMNS[body.kind]) {
    const values = body[name] as number[];
    if (values.length !== length) {
      ctx.addIssue({ code: 'custom', path: [name], message: `expected ${length} values (as many as ordinal), got ${values.length}` });
      return;
    }
    const min = OPTIONAL[body.kind]?.has(name) ? -1 : 0;
    const max = name === 'escalated' ? 1 : PLAIN.has(name) ? Number.MAX_SAFE_INTEGER : body.names.length - 1;
    for (let i = 0; i < length; i++) {
      const value = values[i];
      if (!Number.isInteger(value) || value < min || value > max) {
        const what = PLAIN.has(name) ? `an integer ${min}..${max}` : `an index into names (${min}..${max})`;
        ctx.addIssue({ code: 'custom', path: [name, i], message: `expected ${what}, got ${JSON.stringify(value)}` });
        return;
      }
    }
  }
}

const requestColumns = z.strictObject({ kind: z.literal('request'), names, ordinal: column, requester: column, owner: column, dataset: column, purpose: column, application: column });
const decisionColumns = z.strictObject({ kind: z.literal('decision'), names, ordinal: column, decision: column, reason: column });
const outcomeColumns = z.strictObject({ kind: z.literal('outcome'), names, ordinal: column, decision: column, reason: column });
const negotiationColumns = z.strictObject({
  kind: z.literal('negotiation'),
  names,
  ...{ ordinal: column, requester: column, owner: column, dataset: column, purpose: column, application: column },
  ...{ state: column, decision: column, reason: column, replyDue: column, escalated: column },
});

/**
 * Body of `tick.batch.v2`: the exchanges of one kind a sender sends one recipient in reply to one job, as parallel
 * integer columns, item k being the k-th value of every column. Readable ids (`civil-affairs@city`, `share`,
 * `unwilling`) travel once each in `names`; the columns index them. An exchange is identified by its `ordinal` in
 * the tick; its request id (tick, application, requester, dataset) is derived, not carried.
 *
 * - `request`: `requester`, `owner`, `dataset`, `purpose` (department, dataset and service ids, or `exchange`),
 *   `application` (integer);
 * - `decision`: `decision` (`share` | `refuse`), `reason` (a motive, or −1 on a share);
 * - `outcome`: `decision` (`shared` | `refused` | `denied` | `failed`), `reason` (the outcome's reason code);
 * - `negotiation`: contract-negotiation steps (`contract.negotiation.v1` as columns): the request's columns, `state`,
 *   `decision` and `reason` (−1 before the terminal state), `replyDue` (a tick, −1 for none), `escalated` (0 or 1).
 */
export const tickBatchV2Body = z.discriminatedUnion('kind', [requestColumns, decisionColumns, outcomeColumns, negotiationColumns]).superRefine((body, ctx) => checkColumns(body as never, ctx));

/** A validated `tick.batch.v2` body. */
export type TickBatchV2Body = z.infer<typeof tickBatchV2Body>;
/** Request columns of a `tick.batch.v2`. */
export type TickBatchV2Requests = Extract<TickBatchV2Body, { kind: 'request' }>;
/** Decision columns of a `tick.batch.v2`. */
export type TickBatchV2Decisions = Extract<TickBatchV2Body, { kind: 'decision' }>;
/** Outcome columns of a `tick.batch.v2`. */
export type TickBatchV2Outcomes = Extract<TickBatchV2Body, { kind: 'outcome' }>;
/** Contract-negotiation columns of a `tick.batch.v2`. */
export type TickBatchV2Negotiations = Extract<TickBatchV2Body, { kind: 'negotiation' }>;
