// Faults as data: what the redis transport breaks on purpose during a run (the scenario's `faults:` or `--faults`).
// A run input, like recorded levers and decisions: not part of the scenario hash, and never of the digest.
import { z } from 'zod';

const probability = z.number().min(0).max(1);
const milliseconds = z.number().min(0).max(60_000);

/** How long each message is held back before its recipient may take it. */
export const delaySchema = z.discriminatedUnion('distribution', [
  z.strictObject({ distribution: z.literal('fixed'), ms: milliseconds }),
  z.strictObject({ distribution: z.literal('uniform'), minMs: milliseconds, maxMs: milliseconds }).refine((d) => d.minMs <= d.maxMs, { message: 'minMs must not exceed maxMs', path: ['maxMs'] }),
  z.strictObject({ distribution: z.literal('exponential'), meanMs: milliseconds }),
]);

/** Faults of single messages, decided per message (and per delivery attempt) from keyed random numbers. */
export const messageFaultsSchema = z.strictObject({
  drop: probability.default(0).describe('probability that one delivery of a message is lost; the transport redelivers it (BullMQ retry)'),
  duplicate: probability.default(0).describe('probability that a message is queued twice (a copy under another job id)'),
  delay: delaySchema.optional().describe('how long every message is held back'),
  reorder: z
    .strictObject({ probability, maxMs: milliseconds })
    .optional()
    .describe('probability that a message is held back by up to maxMs, so messages sent after it overtake it'),
});

/** Faults of whole processes or of Redis, each at the start of a tick. */
export const faultEventSchema = z.discriminatedUnion('fault', [
  z.strictObject({ fault: z.literal('kill-hub'), tick: z.number().int().min(0) }).describe('SIGKILL the exchange hub; it is restarted'),
  z.strictObject({ fault: z.literal('kill-department'), tick: z.number().int().min(0), department: z.number().int().min(0).default(0) }).describe('SIGKILL the process hosting this department (index); it is restarted'),
  z.strictObject({ fault: z.literal('restart-redis'), tick: z.number().int().min(0), downSeconds: z.number().min(0).max(10).default(1) }).describe('stop Redis (SIGTERM) and start it again on the same port and AOF file; needs the transport to start its own Redis'),
  z.strictObject({ fault: z.literal('cut-off'), tick: z.number().int().min(0), department: z.number().int().min(0).default(0), seconds: z.number().positive().max(25) }).describe('freeze the process hosting this department (SIGSTOP) for this many seconds, then continue it'),
]);

/** The `faults:` section. */
export const faultsSchema = z.strictObject({
  messages: messageFaultsSchema.prefault({}),
  events: z.array(faultEventSchema).max(100).default([]),
});

export type Faults = z.output<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;
export type MessageFaults = z.output<typeof messageFaultsSchema>;
export type FaultEvent = z.output<typeof faultEventSchema>;
export type DelayDistribution = z.output<typeof delaySchema>;

/** One process or Redis fault as it happened. */
export interface InjectedFault {
  fault: FaultEvent['fault'];
  tick: number;
  /** What was hit (`hub`, `departments 0-5`, the Redis URL). */
  target: string;
  /** ms from the fault to the moment every request of its tick had its outcome (null: the run ended first). */
  recoveryMs: number | null;
}

/** What a run with faults injected and what it survived (the summary's `transport.faults`). */
export interface FaultReport {
  /** Message faults injected, counted over every party. */
  injected: { dropped: number; duplicated: number; delayed: number; reordered: number };
  events: InjectedFault[];
  survived: {
    /** Deliveries that were not a message's first: retries after a drop, stalled jobs of a killed process, copies. */
    redeliveries: number;
    /** Copies answered from the processed mark without calling the handler again. */
    duplicatesDropped: number;
    /** Copies that reached the handler (they arrived with or before the original; the handlers are idempotent). */
    duplicatesHandled: number;
    /** Service processes restarted by the supervisor. */
    restarts: number;
  };
  /** Median time of a tick with no process fault, ms (to read the recovery times against). */
  medianTickMs: number | null;
}

/** True when `faults` injects nothing. */
export function faultsAreEmpty(faults: Faults | undefined): boolean {
  if (!faults) return true;
  const m = faults.messages;
  const messages = m.drop === 0 && m.duplicate === 0 && !m.delay && !m.reorder;
  return messages && faults.events.length === 0;
}
