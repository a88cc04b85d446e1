// Message faults decided from keyed random numbers: drop, duplicate, delay and reorder, the same in every run of a seed.
import { hashString, KeyedRandom } from '@silolab/engine';
import { messageFaultsSchema, type DelayDistribution, type MessageFaults as MessageFaultSettings } from '@silolab/model';
import type { FaultCount, SendFault, TransportFaults } from '@silolab/protocol';

/** How long after its original an injected copy is queued, at most, ms. */
export const MAX_COPY_LAG_MS = 200;

/** The environment variable that hands a run's message faults (and the seed they are keyed by) to its services. */
export const FAULTS_ENV = 'SILOLAB_FAULTS';

/** What {@link FAULTS_ENV} holds. */
export interface FaultsEnv {
  seed: number;
  messages: MessageFaultSettings;
}

/** Reads {@link FAULTS_ENV}; throws naming the variable and the path of what is wrong. */
export function parseFaultsEnv(text: string): FaultsEnv {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${FAULTS_ENV}: expected JSON`);
  }
  const seed = (raw as { seed?: unknown } | null)?.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) throw new Error(`${FAULTS_ENV}.seed: expected a non-negative integer`);
  const parsed = messageFaultsSchema.safeParse((raw as { messages?: unknown }).messages ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${FAULTS_ENV}.messages.${issue.path.join('.')}: ${issue.message}`);
  }
  return { seed, messages: parsed.data };
}

/**
 * The faults of each message, as a pure function of (run seed, message id, attempt): a rerun of the same seed drops,
 * copies and holds back the same messages. Injected faults are counted once per message (per message and attempt for
 * drops), however often a redelivered handler sends the message again (BullMQ keeps one job per id).
 */
export class MessageFaults implements TransportFaults {
  private readonly random: KeyedRandom;
  private readonly keys: { drop: number; duplicate: number; delay: number; reorder: number; lag: number };

  constructor(
    seed: number,
    private readonly settings: MessageFaultSettings,
    readonly count: (event: FaultCount, member?: string) => void,
  ) {
    this.random = new KeyedRandom(seed);
    this.keys = { drop: this.random.key('fault.drop'), duplicate: this.random.key('fault.duplicate'), delay: this.random.key('fault.delay'), reorder: this.random.key('fault.reorder'), lag: this.random.key('fault.copy-lag') };
  }

  get duplicates(): boolean {
    return this.settings.duplicate > 0;
  }

  onSend(messageId: string): SendFault {
    const id = hashString(messageId);
    const u = (key: number, b = 0) => this.random.uniform(key, 0, id, b);
    let delayMs = this.settings.delay ? Math.round(delayOf(this.settings.delay, u(this.keys.delay))) : 0;
    if (delayMs > 0) this.count('delayed', messageId);
    const reorder = this.settings.reorder;
    if (reorder && u(this.keys.reorder) < reorder.probability) {
      delayMs += Math.round(reorder.maxMs * u(this.keys.reorder, 1));
      this.count('reordered', messageId);
    }
    // The copy is counted by the outbox, by its job id, once it is queued.
    const copied = u(this.keys.duplicate) < this.settings.duplicate;
    return { delayMs, copyAfterMs: copied ? 1 + Math.round(MAX_COPY_LAG_MS * u(this.keys.lag)) : null };
  }

  dropsDelivery(messageId: string, attempt: number, attempts: number): boolean {
    if (this.settings.drop === 0 || attempt + 1 >= attempts) return false;
    const dropped = this.random.uniform(this.keys.drop, 0, hashString(messageId), attempt) < this.settings.drop;
    if (dropped) this.count('dropped', `${messageId}#${attempt}`);
    return dropped;
  }
}

/** The delay of a message whose uniform draw is `u`. */
export function delayOf(delay: DelayDistribution, u: number): number {
  switch (delay.distribution) {
    case 'fixed':
      return delay.ms;
    case 'uniform':
      return delay.minMs + (delay.maxMs - delay.minMs) * u;
    case 'exponential':
      // Capped at 20 means (u is below 1, so this is finite; the cap keeps one message from holding a tick for long).
      return Math.min(-delay.meanMs * Math.log(1 - u), 20 * delay.meanMs);
  }
}
