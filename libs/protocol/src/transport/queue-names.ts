// Names of everything SiloLab keeps in Redis for one run: BullMQ queues, job ids and its own keys.
//
//   BullMQ prefix        `${prefix}:${run}`                 e.g. silolab:run-7
//   inbox queue          `${identity}`                      keys silolab:run-7:hub:wait, ...
//   dead-letter queue    `${identity}.dlq`                  keys silolab:run-7:hub.dlq:wait, ...
//   processed marks      `${prefix}:${run}:${identity}.done:${messageId}`   (string, TTL)
//   dead-letter counts   `${prefix}:${run}:${identity}.dlq-counts`          (hash reason → count)
//
// BullMQ forbids `:` in queue names and job ids (hence the encoded job id) and takes the prefix
// separately; identities cannot contain `.`, so the `.dlq` / `.done` suffixes never collide.

/** Default first segment of every key. */
export const DEFAULT_PREFIX = 'silolab';

/** The BullMQ `prefix` option for a run's queues. */
export function runPrefix(prefix: string, run: string): string {
  return `${prefix}:${run}`;
}

/** Name of the queue an identity consumes. */
export function inboxQueueName(identity: string): string {
  return identity;
}

/** Name of the dead-letter queue next to an identity's inbox. */
export function deadLetterQueueName(identity: string): string {
  return `${identity}.dlq`;
}

/**
 * The content-derived job id of a message, from its envelope id alone, URI-encoded (BullMQ rejects `:` and all-digit
 * custom ids, hence the `m.` prefix): what anyone who knows a message's id can compute. SiloLab queues its messages
 * under {@link signedJobId} instead; this is what a forger would squat (tests use it).
 */
export function jobIdFor(messageId: string): string {
  return `m.${encodeURIComponent(messageId)}`;
}

/** Hex digits of the signature a job id is made of: 96 bits, not guessable without the signer's key. */
const SIGNATURE_DIGITS_IN_JOB_ID = 24;

/**
 * BullMQ job id of a signed message: `m.` and the first 24 hex digits of its signature (HMAC-SHA256 of the envelope
 * text, which holds the content-derived message id). The same message always gets the same job id (the HMAC is
 * deterministic), so BullMQ still drops a redelivered copy; two messages never share one (96 bits); and only a holder
 * of the sender's key can compute it, so nobody can squat the job id of a message yet to come (a forged job under
 * the content-derived id, {@link jobIdFor}, does not block the genuine one: docs/transport.md §8). It is short on
 * purpose: BullMQ's scripts name it in every key they touch for the job. The message id itself is in the job's data.
 */
export function signedJobId(sig: string): string {
  return `m.${sig.slice(0, SIGNATURE_DIGITS_IN_JOB_ID)}`;
}

/** Job id of the dead letter made from inbox job `jobId` (same rules as `jobIdFor`). */
export function deadLetterJobId(jobId: string): string {
  return `dl.${encodeURIComponent(jobId)}`;
}

/** Key that records an identity has processed message `messageId` (and its reply). */
export function processedKey(prefix: string, run: string, identity: string, messageId: string): string {
  return `${runPrefix(prefix, run)}:${identity}.done:${messageId}`;
}

/** Hash of dead-letter counts by reason for an identity. */
export function deadLetterCountsKey(prefix: string, run: string, identity: string): string {
  return `${runPrefix(prefix, run)}:${identity}.dlq-counts`;
}
