// Identifiers that travel on the wire and name queues: run ids and identities (departments, hub, orchestrator).
import { z } from 'zod';

/**
 * An identity names a queue, so it is restricted to letters, digits, `_` and `-` (1–64 chars):
 * BullMQ forbids `:` in queue names and SiloLab reserves `.` for its own suffixes (`.dlq`).
 */
export const IDENTITY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A run id is part of every Redis key of the run: letters, digits, `_`, `-` and `.` (1–128 chars). */
export const RUN_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;

/** The hub's identity on the wire. */
export const HUB = 'hub' as const;
/** The orchestrator's identity on the wire. */
export const ORCHESTRATOR = 'orchestrator' as const;

/** Schema of an identity: a department id, `hub` or `orchestrator`. */
export const identitySchema = z.string().regex(IDENTITY_PATTERN, 'expected an identity of 1-64 letters, digits, "_" or "-"');

/** Schema of a run id. */
export const runSchema = z.string().regex(RUN_PATTERN, 'expected a run id of 1-128 letters, digits, "_", "-" or "."');

/** Throws a clear error unless `value` is a valid identity; `what` names the input in the message. */
export function assertIdentity(value: string, what: string): void {
  if (!IDENTITY_PATTERN.test(value)) {
    throw new Error(`${what}: expected 1-64 letters, digits, "_" or "-", got ${JSON.stringify(value)}`);
  }
}

/** Throws a clear error unless `value` is a valid run id; `what` names the input in the message. */
export function assertRun(value: string, what: string): void {
  if (!RUN_PATTERN.test(value)) {
    throw new Error(`${what}: expected 1-128 letters, digits, "_", "-" or ".", got ${JSON.stringify(value)}`);
  }
}
