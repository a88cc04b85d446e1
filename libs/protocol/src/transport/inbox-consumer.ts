// An identity's inbox: a BullMQ worker that decodes, authenticates, de-duplicates and dispatches messages.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { performance } from 'node:perf_hooks';
import { verifySender } from '../auth/signature';
import { decodeEnvelope } from '../messages/decode-envelope';
import type { Envelope, MessageType } from '../messages/envelope';
import { connectionErrors } from './connection-errors';
import { DeadLetterBox, type DeadLetter, type DeadLetterReason } from './dead-letters';
import { ProcessedMarks, type MarkConnection } from './processed-marks';
import { deadLetterCountsKey, inboxQueueName, runPrefix, signedJobId } from './queue-names';
import { openRedis } from './redis-client';
import { bullConnection, type ResolvedTransportOptions } from './transport-options';
import { isCopyJobId } from './transport-faults';

/**
 * Ticks an inbox accepts behind the newest tick it has taken a message of. Honest messages are never that late: a
 * tick closes only once all its outcomes are in, and the orchestrator closes ticks in order while it runs the next.
 */
export const REPLAY_WINDOW_TICKS = 8;

/** Handles one authenticated message; its resolved value is the reply (for `send`). */
export type InboxHandler = (envelope: Envelope, job: Job<string>) => Promise<unknown>;

/** A message a handler accepted: its enqueue time (job timestamp), dequeue time (job processedOn) and handling time. */
export interface HandledJob {
  envelope: Envelope;
  /** Epoch ms when the sender queued the job. */
  enqueuedAt: number;
  /** Epoch ms when this worker took the job. */
  dequeuedAt: number;
  /** ms the handler ran (not counting decoding, verification or the processed mark). */
  handlingMs: number;
  /** Not the job's first delivery: a retry, a stalled job run again, or a copy under another job id. */
  redelivered: boolean;
  /** A copy made by an injected duplication (under another job id), handled because it came first. */
  copy: boolean;
  /** Queued with a delay: an injected delay or reordering (SiloLab delays no job otherwise). */
  delayed: boolean;
  /** Length of the job's data: the signed envelope as queued (JSON text, so characters ≈ bytes). */
  bytes: number;
}

/** Where the consumer reports what it drops; Nest's LoggerService fits. */
export interface InboxLogger {
  warn(message: string): unknown;
  error(message: string): unknown;
}

/**
 * Consumes `${prefix}:${run}:${identity}`. For each job, before any handler runs:
 * 1. decode — JSON text → envelope and body validated by zod (else `bad_json` / `invalid_message`);
 * 2. authenticate — HMAC of the exact job text verified with the key of `from` (else `bad_signature`, counted);
 * 3. route — `to` must be this identity (`misrouted`), a handler must exist (`no_handler`);
 * 4. refuse replays — a message of another run, or of a tick more than {@link REPLAY_WINDOW_TICKS} behind the newest
 *    this inbox has taken (`replayed`): a captured message queued again later;
 * 5. de-duplicate — a message id already processed returns the remembered reply (read only for copies that BullMQ's
 *    job-id de-duplication does not already exclude: another job id, a retry, a stalled job run again).
 * Rejected messages are dead-lettered and the job fails without retry (UnrecoverableError).
 * A handler that throws is retried by BullMQ (attempts, exponential backoff); on the last attempt
 * the message is dead-lettered as `handler_failed` and the job fails.
 */
export class InboxConsumer {
  private worker: Worker<string> | null = null;
  private redis: Redis | null = null;
  private deadLetters: DeadLetterBox | null = null;
  private marks: ProcessedMarks | null = null;
  /** The worker's own (non-blocking) Redis connection: BullMQ completes jobs on it, and the marks travel ahead on it. */
  private markConnection: MarkConnection | null = null;
  private readonly handledListeners: Array<(handled: HandledJob) => void> = [];
  /** The newest tick of a message this inbox has taken (replays of far older ticks are refused). */
  private newestTick = -1;

  constructor(
    private readonly options: ResolvedTransportOptions,
    private readonly route: (type: MessageType) => InboxHandler | null,
    private readonly logger: InboxLogger,
  ) {}

  /** Opens the connections and starts consuming; resolves once the worker is ready. */
  async start(): Promise<void> {
    const { connection, prefix, run, identity } = this.options;
    const bullPrefix = runPrefix(prefix, run);
    const redis = openRedis(connection);
    const printError = (line: string) => this.logger.error(line);
    redis.on('error', (error: Error) => connectionErrors.report(`redis (${identity} marks)`, error.message, printError));
    this.redis = redis;
    this.marks = new ProcessedMarks(redis, { prefix, run, identity }, this.options.processedTtlSeconds);
    this.deadLetters = new DeadLetterBox(bullConnection(connection), bullPrefix, identity, redis, deadLetterCountsKey(prefix, run, identity));
    this.deadLetters.queue.on('error', (error) => connectionErrors.report(`dead-letter queue ${identity}`, error.message, printError));
    const worker = new Worker<string>(inboxQueueName(identity), (job) => this.process(job), {
      connection: bullConnection(connection),
      prefix: bullPrefix,
      concurrency: this.options.concurrency,
      lockDuration: this.options.lockMs,
      stalledInterval: this.options.lockMs,
      // A job is put back at most this often before it fails: a process killed twice while holding it, or an event
      // loop blocked past the lock, still gets the message handled (handling is idempotent: processed marks).
      maxStalledCount: 3,
      autorun: true,
    });
    // Without an 'error' listener an ioredis hiccup would be thrown from the EventEmitter.
    worker.on('error', (error) => connectionErrors.report(`worker ${identity}`, error.message, printError));
    this.worker = worker;
    await worker.waitUntilReady();
    // The same client object for the worker's life (BullMQ reconnects it in place, never replaces it).
    this.markConnection = (await worker.getBackend().client) as unknown as MarkConnection;
  }

  /**
   * Calls `listener` after every successful handler call, with the message's queue and handling times: one record
   * per message, the same for every listener (read it; do not change it).
   */
  onHandled(listener: (handled: HandledJob) => void): void {
    this.handledListeners.push(listener);
  }

  /** The running worker (for events and inspection). */
  get bullWorker(): Worker<string> | null {
    return this.worker;
  }

  /** Dead-letter counts by reason for this identity. */
  async deadLetterCounts(): Promise<Partial<Record<DeadLetterReason, number>>> {
    return this.deadLetters ? this.deadLetters.counts() : {};
  }

  /** Stops taking jobs, waits for those in hand, then closes every connection. Safe to call twice. */
  async close(): Promise<void> {
    const { worker, deadLetters, redis } = this;
    this.worker = null;
    this.markConnection = null;
    this.deadLetters = null;
    this.redis = null;
    // A worker whose Redis lost its data (restarted without persistence) may never finish closing: after a grace
    // period it is dropped instead (dropWorker).
    if (worker) await closeWithin(worker.close(), () => dropWorker(worker));
    if (deadLetters) await closeWithin(deadLetters.close(), () => deadLetters.queue.disconnect());
    if (redis && redis.status !== 'end') await closeWithin(redis.quit(), async () => redis.disconnect());
  }

  private async process(job: Job<string>): Promise<unknown> {
    const decoded = decodeEnvelope(job.data);
    if (!decoded.ok) return this.reject(job, decoded.reason, decoded.path, decoded.detail);
    const envelope = decoded.envelope;
    if (envelope.run !== this.options.run) {
      return this.reject(job, 'replayed', 'run', `run: a message of run ${JSON.stringify(envelope.run)} queued in run ${JSON.stringify(this.options.run)}`);
    }
    // A message signed in a key epoch this process has not taken up yet verifies once it has (a rotation).
    if (!verifySender(envelope, this.options.keyRing, job.data) && !((await this.options.keyRing.refresh()) && verifySender(envelope, this.options.keyRing, job.data))) {
      return this.reject(job, 'bad_signature', 'sig', `sig: does not verify for sender ${JSON.stringify(envelope.from)} in run ${JSON.stringify(this.options.run)}`);
    }
    if (envelope.to !== this.options.identity) {
      return this.reject(job, 'misrouted', 'to', `to: addressed to ${JSON.stringify(envelope.to)}, consumed by ${JSON.stringify(this.options.identity)}`);
    }
    const handler = this.route(envelope.type);
    if (!handler) return this.reject(job, 'no_handler', 'type', `type: no handler for ${envelope.type} at ${this.options.identity}`);
    if (envelope.tick < this.newestTick - REPLAY_WINDOW_TICKS) {
      return this.reject(job, 'replayed', 'tick', `tick: a message of tick ${envelope.tick}, ${this.newestTick - envelope.tick} ticks behind the newest this inbox has taken (${this.newestTick}); at most ${REPLAY_WINDOW_TICKS} are accepted`);
    }
    if (envelope.tick > this.newestTick) this.newestTick = envelope.tick;
    const marks = this.marks!;
    const faults = this.options.faults;
    // An injected drop: this delivery is lost before anything is handled; BullMQ's retry redelivers the job (never
    // on its last attempt, which no retry would follow).
    if (faults?.dropsDelivery(envelope.id, job.attemptsMade, job.opts.attempts ?? 1)) throw new Error(`dropped in transit (injected fault, attempt ${job.attemptsMade + 1})`);
    // A job under its content-derived id, started for the first time, cannot have been processed: BullMQ refuses a
    // second job with that id while the first exists. Only other copies (another job id, a retry, a stalled job run
    // again) read the mark, so the common case costs no extra Redis round trip. Injected copies break that premise:
    // every delivery then reads the mark.
    const firstDelivery = job.id === signedJobId(envelope.sig) && (job.attemptsStarted ?? 0) <= 1 && job.attemptsMade === 0;
    const processed = firstDelivery && !faults?.duplicates ? null : await marks.get(envelope.id);
    // Counted once per copy job, when it is answered from the mark or its handler succeeds (a failed one is retried).
    const copy = faults !== undefined && isCopyJobId(job.id);
    if (faults && !copy && !firstDelivery) faults.count('redelivered');
    if (processed) {
      if (copy) faults!.count('duplicateDropped', String(job.id));
      return processed.reply;
    }
    try {
      const dequeuedAt = job.processedOn ?? Date.now();
      const started = performance.now();
      const reply = await handler(envelope, job);
      const handlingMs = performance.now() - started;
      if (copy) faults!.count('duplicateHandled', String(job.id));
      if (this.handledListeners.length > 0) {
        const handled: HandledJob = { envelope, enqueuedAt: job.timestamp, dequeuedAt, handlingMs, redelivered: !firstDelivery, copy, delayed: !copy && (job.opts.delay ?? 0) > 0, bytes: job.data.length };
        for (const listener of this.handledListeners) listener(handled);
      }
      // The mark is sent, not awaited, on the worker's own connection, before this returns and BullMQ completes the
      // job (moveToFinished) on that same connection. Redis runs a connection's commands in the order sent, so the
      // states are those of an awaited SET, minus one round trip per message:
      // - job completed ⇒ its mark is stored (the SET ran first);
      // - the worker dies before the completion ⇒ the job stalls and is run again (not a first delivery, so the mark
      //   is read): handled once if the SET had reached Redis, twice if not — as when dying during an awaited SET.
      // A SET that Redis answers with an error (out of memory) is logged; the job then completes without a mark and
      // only a copy under another job id would be handled again (awaited, the error failed the job and its retry
      // called the handler again). Handlers are idempotent by request id either way (DESIGN.md §5).
      marks.send(this.markConnection!, envelope.id, reply).catch((error: Error) => this.logger.error(`processed mark of ${envelope.id} at ${this.options.identity}: ${error.message}`));
      return reply === undefined ? null : reply;
    } catch (thrown) {
      const error = asError(thrown);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.deadLetter(job, 'handler_failed', null, `handler for ${envelope.type} failed after ${job.attemptsMade + 1} attempt(s): ${error.message}`);
      }
      throw error;
    }
  }

  /** Dead-letters `job` and fails it for good: a message that cannot be accepted is not retried. */
  private async reject(job: Job<string>, reason: DeadLetterReason, path: string | null, detail: string): Promise<never> {
    await this.deadLetter(job, reason, path, detail);
    throw new UnrecoverableError(`dead-lettered (${reason}): ${detail}`);
  }

  private async deadLetter(job: Job<string>, reason: DeadLetterReason, path: string | null, detail: string): Promise<void> {
    const letter: DeadLetter = { reason, path, detail, raw: job.data, jobId: String(job.id), attemptsMade: job.attemptsMade + 1 };
    this.logger.warn(`dead-lettered job ${letter.jobId} at ${this.options.identity}: ${detail}`);
    await this.deadLetters!.put(letter);
  }
}

/**
 * Drops a worker whose close did not finish: its connections, and its lock-renewal timer. BullMQ stops that timer
 * only at the end of a close, after the jobs in hand have finished, which never happens once Redis has lost them (a
 * restart without persistence): the timer then kept the process alive. The lock manager is a private part of BullMQ's
 * Worker (6.x); should it be renamed, only the timer is left behind, as before.
 */
function dropWorker(worker: Worker<string>): Promise<void> {
  void (worker as unknown as { lockManager?: { close?: () => Promise<void> } }).lockManager?.close?.().catch(() => undefined);
  return worker.disconnect();
}

/** How long a close may take before connections are dropped instead, in ms. */
const CLOSE_GRACE_MS = 5_000;

/** Waits for `closing` at most {@link CLOSE_GRACE_MS}, then calls `drop` without waiting for it; errors are ignored. */
export async function closeWithin(closing: Promise<unknown>, drop: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS).unref()));
  const outcome = await Promise.race([closing.then(() => 'closed', () => 'closed'), late]);
  clearTimeout(timer);
  if (outcome === 'late') drop().catch(() => undefined);
}

/** Nest's exception filter turns errors into plain `{ status, message }` objects; BullMQ wants an Error. */
export function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (thrown && typeof thrown === 'object' && typeof (thrown as { message?: unknown }).message === 'string') {
    return new Error((thrown as { message: string }).message);
  }
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}
