// Signed evidence of exchanges, written by both ends of a `direct` exchange and collected by the hub when a tick closes.
import type Redis from 'ioredis';
import { decodeEnvelope, verifySender, type KeyRing, type TickBatchV2Body } from '@silolab/protocol';
import type { ExchangeWire, WireRejection } from './exchange-wire';
import { Outgoing, type Parcel } from './exchange-rows';
import { HUB_IDENTITY } from './identities';
import type { SignedOutboxes } from './signed-outboxes';
import { encodeOutgoing } from './wire-format';

/** One piece of evidence: the rows (requests sent, or outcomes decided) a department signed, as columns. */
export interface Evidence {
  from: string;
  body: TickBatchV2Body;
}

/** Where a department writes its evidence. */
export interface EvidenceSink {
  /** Appends `evidence` (rows addressed to the hub) signed as `from`; resolves once stored. */
  write(from: string, evidence: Outgoing): Promise<void>;
  /**
   * The rows `from` signs for the hub in `tick` that are waiting to be stored: a desk answering one request alone
   * writes its evidence into them directly (no rows of its own per message), then `stored()` is awaited.
   */
  pending(from: string, tick: number, wire: ExchangeWire): Parcel;
  /** Resolves once the rows waiting to be stored, `pending` ones included, are stored (at once when none wait). */
  stored(): Promise<void>;
}

/** Where the hub reads a tick's evidence: authenticated pieces, and what it refused. */
export interface EvidenceSource {
  read(tick: number): Promise<{ evidence: Evidence[]; rejected: WireRejection[] }>;
}

/** What `stored` answers when nothing waits to be stored. */
const STORED: Promise<void> = Promise.resolve();

/** Evidence waiting for the next store: rows per tick and signer, and the promise its writers wait on. */
interface EvidenceBatch {
  rows: Map<number, Map<string, Outgoing>>;
  stored: Promise<void>;
}

/**
 * Evidence in Redis: one list per tick, `${base}:exchange.evidence:${tick}`, of `tick.batch.v2` envelopes to the hub,
 * signed as their writer exactly as a queued message is, but appended with RPUSH instead of queued as a BullMQ job
 * (the hub reads them once, when the tick closes: they need no delivery, retry or lock). The hub authenticates each as
 * its inbox would; a redelivered handler appends the same evidence again, which the hub's book takes once. The lists
 * live as long as the run's keys.
 *
 * Writes are committed in groups, as X-Road's security servers time-stamp their message logs in batches: what the
 * handlers of a process write while the previous store is under way is merged, per tick and signer, into one signed
 * envelope, and stored with one RPUSH per tick. Each `write` still resolves only once its rows are stored (so evidence
 * is in Redis before the message it records is sent), and fails, for its handler to be retried, if that store fails.
 */
export class EvidenceLog implements EvidenceSink, EvidenceSource {
  /** The batch collecting writes; null when none is waiting. */
  private next: EvidenceBatch | null = null;
  /** The last batch's store (the next one starts when it ends). */
  private storing: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly base: string,
    private readonly outboxes: SignedOutboxes,
    private readonly keyRing: KeyRing,
  ) {}

  private key(tick: number): string {
    return `${this.base}:exchange.evidence:${tick}`;
  }

  write(from: string, evidence: Outgoing): Promise<void> {
    if (evidence.size === 0) return STORED;
    this.rowsOf(from, evidence.tick, evidence.wire).append(evidence);
    return this.stored();
  }

  pending(from: string, tick: number, wire: ExchangeWire): Parcel {
    return this.rowsOf(from, tick, wire).to(HUB_IDENTITY);
  }

  stored(): Promise<void> {
    return this.next ? this.next.stored : STORED;
  }

  /** The rows `from` signs in `tick` that the next store takes. */
  private rowsOf(from: string, tick: number, wire: ExchangeWire | null): Outgoing {
    const batch = (this.next ??= this.nextBatch());
    let signers = batch.rows.get(tick);
    if (!signers) batch.rows.set(tick, (signers = new Map()));
    let rows = signers.get(from);
    if (!rows) signers.set(from, (rows = new Outgoing(tick, wire)));
    return rows;
  }

  /** A batch stored once the previous store has ended and the writes of this turn of the event loop have joined it. */
  private nextBatch(): EvidenceBatch {
    const batch: EvidenceBatch = { rows: new Map(), stored: Promise.resolve() };
    batch.stored = this.storing
      .catch(() => undefined)
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        this.next = null;
        return this.store(batch.rows);
      });
    this.storing = batch.stored;
    return batch;
  }

  /** Signs each signer's rows of each tick as one envelope and appends them to their ticks' lists. */
  private async store(rows: EvidenceBatch['rows']): Promise<void> {
    const lists: Array<[string, string[]]> = [];
    for (const [tick, signers] of rows) {
      const texts: string[] = [];
      for (const [from, evidence] of signers) {
        const outbox = this.outboxes.outbox(from);
        for (const message of encodeOutgoing(evidence, 'tick.batch.v2')) texts.push(outbox.job(message.type, { to: message.to, tick, body: message.body }).text);
      }
      if (texts.length > 0) lists.push([this.key(tick), texts]);
    }
    if (lists.length === 1) await this.redis.rpush(lists[0][0], ...lists[0][1]);
    else if (lists.length > 1) {
      const pipeline = this.redis.pipeline();
      for (const [key, texts] of lists) pipeline.rpush(key, ...texts);
      const failed = ((await pipeline.exec()) ?? []).find(([error]) => error);
      if (failed) throw failed[0];
    }
  }

  async read(tick: number): Promise<{ evidence: Evidence[]; rejected: WireRejection[] }> {
    const evidence: Evidence[] = [];
    const rejected: WireRejection[] = [];
    // Evidence signed after a key rotation verifies once this process has taken it up.
    await this.keyRing.refresh();
    for (const text of await this.redis.lrange(this.key(tick), 0, -1)) {
      const decoded = decodeEnvelope(text);
      const refuse = (detail: string) => rejected.push({ requestId: '-', code: 'inconsistent_request', detail: `evidence of tick ${tick}: ${detail}` });
      if (!decoded.ok) refuse(`${decoded.reason} at ${decoded.path ?? '-'}: ${decoded.detail}`);
      else if (!verifySender(decoded.envelope, this.keyRing, text)) refuse(`signature does not verify for ${decoded.envelope.from}`);
      else if (decoded.envelope.type !== 'tick.batch.v2' || decoded.envelope.to !== HUB_IDENTITY || decoded.envelope.tick !== tick) refuse(`${decoded.envelope.type} to ${decoded.envelope.to} of tick ${decoded.envelope.tick} is not evidence of this tick`);
      else evidence.push({ from: decoded.envelope.from, body: decoded.envelope.body });
    }
    return { evidence, rejected };
  }
}
