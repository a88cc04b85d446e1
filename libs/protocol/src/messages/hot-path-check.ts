// A hand-written acceptance check for the messages of `--delivery message` (one job per exchange hop), beside zod.
import { IDENTITY_PATTERN, RUN_PATTERN } from './identifiers';

// Why: zod's discriminated union of strict objects cost ~5 % of a service's CPU per message (decoding each received
// envelope, and again validating each outgoing body). This check says only "certainly valid" or "ask zod": it accepts
// only values the zod schemas accept, and every valid exchange message as JSON.parse makes it (the spec beside it
// compares both on generated values); it never produces an error — every value it does not accept goes through zod, which accepts the other types and names the
// path of whatever is wrong. So the contract and its error messages have one definition, the zod schemas.

/** The message types this check knows; any other type is left to zod. */
type HotType = 'exchange.request.v1' | 'exchange.decision.v1' | 'exchange.outcome.v1';

const ENVELOPE_KEYS = 8; // type, run, tick, from, to, id, body, sig
const MAX_ID_LENGTH = 512;

/** A plain object (what JSON.parse makes): no class instance, whose `toJSON` could serialise something unchecked. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Enumerable keys, own and inherited (`for…in`), as zod's strict objects look for extra keys. */
function keyCount(value: object): number {
  let count = 0;
  for (const _key in value) count += 1;
  return count;
}

function has(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/** `z.number().int()` in zod 4: a safe integer. */
function integer(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

// Each value is read once: the copy returned is exactly what was checked (a getter cannot answer twice). Without a
// copy asked for (`copy` false: checking an envelope JSON.parse made, which has no getters) a valid body answers
// ACCEPTED and nothing is allocated.

/** What a check answers for a valid body when no copy is asked for. */
const ACCEPTED: Record<string, unknown> = Object.freeze({});

function requestBody(body: Record<string, unknown>, copy: boolean): Record<string, unknown> | null {
  if (keyCount(body) !== 7 || !has(body, 'requestId') || !has(body, 'ordinal') || !has(body, 'requester') || !has(body, 'owner')) return null;
  if (!has(body, 'dataset') || !has(body, 'purpose') || !has(body, 'application')) return null;
  const { requestId, ordinal, requester, owner, dataset, purpose, application } = body;
  const valid =
    nonEmptyString(requestId) &&
    integer(ordinal) &&
    nonEmptyString(requester) &&
    nonEmptyString(owner) &&
    nonEmptyString(dataset) &&
    nonEmptyString(purpose) &&
    nonEmptyString(application);
  if (!valid) return null;
  return copy ? { requestId, ordinal, requester, owner, dataset, purpose, application } : ACCEPTED;
}

function decisionBody(body: Record<string, unknown>, copy: boolean): Record<string, unknown> | null {
  if (keyCount(body) !== 3 || !has(body, 'requestId') || !has(body, 'decision') || !has(body, 'reason')) return null;
  const { requestId, decision, reason } = body;
  const valid = nonEmptyString(requestId) && (decision === 'share' || decision === 'refuse') && (reason === null || typeof reason === 'string');
  if (!valid) return null;
  return copy ? { requestId, decision, reason } : ACCEPTED;
}

function outcomeBody(body: Record<string, unknown>, copy: boolean): Record<string, unknown> | null {
  if (keyCount(body) !== 4 || !has(body, 'requestId') || !has(body, 'decision') || !has(body, 'reason') || !has(body, 'category')) return null;
  const { requestId, decision, reason, category } = body;
  const valid =
    nonEmptyString(requestId) &&
    (decision === 'shared' || decision === 'refused' || decision === 'denied' || decision === 'failed') &&
    typeof reason === 'string' &&
    (category === null || category === 'unwilling' || category === 'unable' || category === 'afraid');
  if (!valid) return null;
  return copy ? { requestId, decision, reason, category } : ACCEPTED;
}

/** The check of a body of `type` (a copy of it, or ACCEPTED), or null when not decided here. */
function checkedBody(type: string, body: unknown, copy: boolean): Record<string, unknown> | null {
  if (!isRecord(body)) return null;
  switch (type as HotType) {
    case 'exchange.request.v1':
      return requestBody(body, copy);
    case 'exchange.decision.v1':
      return decisionBody(body, copy);
    case 'exchange.outcome.v1':
      return outcomeBody(body, copy);
    default:
      return null;
  }
}

/**
 * A copy of `body`, keys in schema order (as zod's output), when it is a valid body of `type` and `type` is one of
 * the exchange messages; null means "not decided here" (another type, or a body zod must judge), never "invalid".
 */
export function acceptedBody(type: string, body: unknown): Record<string, unknown> | null {
  return checkedBody(type, body, true);
}

/**
 * True only when `value` (parsed envelope JSON) is a valid envelope of an exchange message — exactly the members
 * `type`, `run`, `tick`, `from`, `to`, `id`, `body`, `sig`, each as `envelopeSchema` requires. False means "ask zod".
 */
export function acceptsEnvelope(value: unknown): boolean {
  if (!isRecord(value) || keyCount(value) !== ENVELOPE_KEYS) return false;
  const { run, tick, from, to, id } = value;
  return (
    has(value, 'type') &&
    typeof value.type === 'string' &&
    has(value, 'run') &&
    typeof run === 'string' &&
    RUN_PATTERN.test(run) &&
    has(value, 'tick') &&
    integer(tick) &&
    (tick as number) >= 0 &&
    has(value, 'from') &&
    typeof from === 'string' &&
    IDENTITY_PATTERN.test(from) &&
    has(value, 'to') &&
    typeof to === 'string' &&
    IDENTITY_PATTERN.test(to) &&
    has(value, 'id') &&
    typeof id === 'string' &&
    id.length >= 1 &&
    id.length <= MAX_ID_LENGTH &&
    has(value, 'sig') &&
    typeof value.sig === 'string' &&
    has(value, 'body') &&
    checkedBody(value.type, value.body, false) !== null
  );
}
