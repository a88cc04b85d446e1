// Decoding at the edge: JSON text in, a validated envelope or a failure naming the offending path out.
import type { z } from 'zod';
import { bodySchemas, envelopeSchema, type BodyOf, type Envelope, type MessageType } from './envelope';
import { acceptedBody, acceptsEnvelope } from './hot-path-check';

/** Why a message could not be decoded: not JSON at all, or JSON that breaks the contract. */
export type DecodeFailureReason = 'bad_json' | 'invalid_message';

/** A message that could not be decoded. `path` is dotted (`body.requestId`), null for bad JSON. */
export interface DecodeFailure {
  ok: false;
  reason: DecodeFailureReason;
  path: string | null;
  detail: string;
}

/** The result of decoding: a value with a stable code, never an exception (STYLE.md habit 7). */
export type DecodeResult = { ok: true; envelope: Envelope } | DecodeFailure;

/** Dotted path of the first zod issue, with an unknown key appended; `(root)` for the top level. */
export function issuePath(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) path.push(issue.keys[0]);
  return path.length > 0 ? path.join('.') : '(root)';
}

/** `path: message` for the first issue of a failed parse. */
function describe(error: z.ZodError): { path: string; detail: string } {
  const issue = error.issues[0];
  const path = issuePath(issue);
  return { path, detail: `${path}: ${issue.message}` };
}

/**
 * Parses envelope JSON text and validates envelope and body. Job data must be the JSON text
 * itself (a string); anything else is `bad_json`, as the wire contract is text. Exchange messages that the
 * hand-written check accepts (`acceptsEnvelope`: the same rules as the schema) skip zod; everything else — other
 * types, and every invalid message, with its path — is judged by `envelopeSchema`.
 */
export function decodeEnvelope(raw: unknown): DecodeResult {
  if (typeof raw !== 'string') {
    return { ok: false, reason: 'bad_json', path: null, detail: `expected envelope JSON text, got ${raw === null ? 'null' : typeof raw}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: 'bad_json', path: null, detail: `not JSON: ${(error as Error).message}` };
  }
  if (acceptsEnvelope(value)) return { ok: true, envelope: value as Envelope };
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'invalid_message', ...describe(parsed.error) };
  return { ok: true, envelope: parsed.data };
}

/**
 * Validates an outgoing body of type `type`; throws an error naming the path (`body.requestId: ...`). Like zod, returns
 * a copy with the schema's key order (made by the hand-written check for exchange bodies it accepts).
 */
export function parseBody<T extends MessageType>(type: T, body: unknown): BodyOf<T> {
  const accepted = acceptedBody(type, body);
  if (accepted) return accepted as BodyOf<T>;
  const schema = bodySchemas[type] as unknown as z.ZodType<BodyOf<T>> | undefined;
  if (!schema) throw new Error(`unknown message type ${JSON.stringify(type)}: expected one of ${Object.keys(bodySchemas).join(', ')}`);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issuePath(issue);
    throw new Error(`${type}: ${path === '(root)' ? 'body' : `body.${path}`}: ${issue.message}`);
  }
  return parsed.data;
}
