// Signed evidence of exchanges, written by both ends of a `direct` exchange and collected by the hub when a tick closes.
import type Redis from 'ioredis';
import { decodeEnvelope, verifySender, type KeyRing, type TickBatchV2Body } from '@silolab/protocol';
import type { WireRejection } from './exchange-wire';
import type { Outgoing } from './exchange-rows';
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
}

/** Where the hub reads a tick's evidence: authenticated pieces, and what it refused. */
export interface EvidenceSource {
  read(tick: number): Promise<{ evidence: Evidence[]; rejected: WireRejection[] }>;
}

/**
 * Evidence in Redis: one list per tick, `${base}:exchange.evidence:${tick}`, of `tick.batch.v2` envelopes to the hub,
 * signed as their writer exactly as a queued message is, but appended with one RPUSH instead of queued as a BullMQ
 * job (the hub reads them once, when the tick closes: they need no delivery, retry or lock). The hub authenticates
 * each as its inbox would; a redelivered handler appends the same evidence again, which the hub's book takes once.
 * The lists live as long as the run's keys.
 */
export class EvidenceLog implements EvidenceSink, EvidenceSource {
  constructor(
    private readonly redis: Redis,
    private readonly base: string,
    private readonly outboxes: SignedOutboxes,
    private readonly keyRing: KeyRing,
  ) {}

  private key(tick: number): string {
    return `${this.base}:exchange.evidence:${tick}`;
  }

  async write(from: string, evidence: Outgoing): Promise<void> {
    const messages = encodeOutgoing(evidence, 'tick.batch.v2');
    if (messages.length === 0) return;
    const outbox = this.outboxes.outbox(from);
    const texts = messages.map((message) => outbox.job(message.type, { to: message.to, tick: evidence.tick, body: message.body }).text);
    await this.redis.rpush(this.key(evidence.tick), ...texts);
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
