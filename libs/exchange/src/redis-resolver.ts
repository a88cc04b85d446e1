// The orchestrator's adapter of the transport port: a tick's exchanges travel as signed messages through Redis.
import Redis from 'ioredis';
import { performance } from 'node:perf_hooks';
import { LedgerWriter, scenarioHash, type ExchangeResolver, type ExchangeRules, type RequestBatch } from '@silolab/engine';
import { type FaultReport, type MessageFaults as MessageFaultSettings, type Scenario } from '@silolab/model';
import { connectionErrors, InboxConsumer, resolveTransportOptions, type Envelope, type ExchangeOutcomeV1Body, type KeyRing, type TransportConnection, verifyValueBy } from '@silolab/protocol';
import { ExchangeWire } from './exchange-wire';
import { HUB_IDENTITY, ORCHESTRATOR_IDENTITY } from './identities';
import { forEachOutcome } from './batch-columns';
import { OutcomeCollector, type OutcomeReceipt } from './outcome-collector';
import { requestsOf } from './exchange-rows';
import { SignedOutboxes } from './signed-outboxes';
import type { SignedTickClosing } from './hub-desk';
import { LatencyHistogram, type DurationSummary } from './latency-histogram';
import { TickStore } from './tick-store';
import { PermissionGrants } from './permission-grants';
import { redisName, RedisWatch } from './redis-watch';
import type { ExchangeProtocol } from './protocols/exchange-protocol';
import { hubProtocol } from './protocols/hub.protocol';
import { opmonEntries, OpmonRecorder, type OpmonEntry } from './opmon/opmon-recorder';
import { OpmonIndex, type OpmonRecords } from './opmon/opmon-records';
import { faultCounter, faultCountsKey, readFaultCounts, type FaultPlan } from './faults/fault-plan';
import { MessageFaults } from './faults/message-faults';

/** Options of {@link RedisResolver}. */
export interface RedisResolverOptions {
  connection: TransportConnection;
  /** Transport run id (queues and keys); distinct per invocation, unlike the ledger's run id. */
  run: string;
  keyRing: KeyRing;
  /** Redis key prefix. Default `silolab`. */
  prefix?: string;
  /** `message`: one job per exchange hop; `tick`: one `tick.batch.v1` per department and hop. */
  delivery: 'message' | 'tick';
  /** The exchange protocol the services run (they read its name from SILOLAB_PROTOCOL). Default `hub`. */
  protocol?: ExchangeProtocol;
  /** The run's initial scenario (departments and datasets are built from it). */
  scenario: Scenario;
  /** Fail a batch when no outcome has arrived for this long, in ms. Default 180000 (a killed worker's jobs wait ~30 s for their lock to lapse). */
  stallTimeoutMs?: number;
  /** Record each request's round trip (sent by the orchestrator → its outcome back) in `stats.latenciesMs`. Default false. */
  recordLatency?: boolean;
  /** Where warnings go. Default stderr. */
  warn?: (line: string) => void;
  /** A fault run: the message faults of the orchestrator's own messages (keyed by `seed`) and the process faults. */
  faults?: { seed: number; messages: MessageFaultSettings; plan: FaultPlan };
}

/** What the resolver observed (for tests and the run's operator). */
export interface RedisResolverStats {
  ticksClosed: number;
  /** Ledger records the hub chained, summed over closed ticks. */
  hubRecords: number;
  duplicateOutcomes: number;
  staleOutcomes: number;
  /** Outcomes from a sender the protocol does not let report them (ignored). */
  refusedOutcomes: number;
  /** Messages (jobs) the orchestrator queued. */
  jobsSent: number;
  /** Round trips in ms when `recordLatency` is on: from queuing a batch's requests to each outcome's arrival. */
  latenciesMs: number[];
  /** The hub's operational record, merged over closed ticks: messages handled, queue wait and handling time. */
  hub: { messages: number; queueWait: LatencyHistogram; handling: LatencyHistogram };
}

/** The redis transport's section of a run summary: what the hub handled and how long messages waited and took. */
export interface TransportSummary {
  transport: 'redis';
  delivery: 'message' | 'tick';
  /** The exchange protocol. */
  protocol: string;
  ticksClosed: number;
  /** Jobs the orchestrator queued. */
  jobsSent: number;
  hub: { messages: number; queueWaitMs: DurationSummary; handlingMs: DurationSummary };
  /** A fault run: what was injected and what the run survived. */
  faults?: FaultReport;
}

/**
 * Resolves each batch over Redis: publishes the tick's scenario and start-of-tick state (TickStore), opens the tick
 * at the hub, sends each request to its requester department, and waits until every request has a terminal outcome
 * from the hub. A tick is closed (`tick.close.v1`) when the next one opens or the run ends: the hub chains the
 * tick's records and its ledger head must equal the engine's, computed here by the engine's own LedgerWriter over
 * the same batch, or the run fails.
 */
export class RedisResolver implements ExchangeResolver {
  readonly name = 'redis';
  readonly stats: RedisResolverStats = {
    ticksClosed: 0,
    hubRecords: 0,
    duplicateOutcomes: 0,
    staleOutcomes: 0,
    refusedOutcomes: 0,
    jobsSent: 0,
    latenciesMs: [],
    hub: { messages: 0, queueWait: new LatencyHistogram(), handling: new LatencyHistogram() },
  };
  private readonly redis: Redis;
  private readonly store: TickStore;
  /** The hub's permission grants (protocols whose hub collects): read to tell whether a tick needs a new one. */
  private readonly grants: PermissionGrants;
  private readonly outboxes: SignedOutboxes;
  private readonly inbox: InboxConsumer;
  private readonly warn: (line: string) => void;
  private mirror: LedgerWriter | null = null;
  private wire: ExchangeWire | null = null;
  private openTick = -1;
  private lastClosed = -1;
  private requestsInTick = 0;
  private collector: OutcomeCollector | null = null;
  private failure: Error | null = null;
  /** The closes sent to the hub, checked one after another (see advanceTo). */
  private closing: Promise<void> = Promise.resolve();
  private started: Promise<void> | null = null;
  private sentAt = 0;
  private readonly protocol: ExchangeProtocol;
  /** Fails the run when Redis is lost (set once the run context is published). */
  private watch: RedisWatch | null = null;
  /** The orchestrator's opmon: when each kept exchange was sent, and its outcome messages as they were handled. */
  private readonly opmonIndex = new OpmonIndex();
  private readonly opmon = new OpmonRecorder();
  private faultReport: FaultReport | null = null;

  constructor(private readonly options: RedisResolverOptions) {
    const { url, ...rest } = options.connection;
    this.protocol = options.protocol ?? hubProtocol;
    this.warn = options.warn ?? ((line) => process.stderr.write(`silolab redis: ${line}\n`));
    this.redis = typeof url === 'string' ? new Redis(url, rest) : new Redis(rest);
    this.redis.on('error', (error: Error) => connectionErrors.report('redis', error.message, this.warn));
    const prefix = options.prefix ?? 'silolab';
    this.store = new TickStore(this.redis, options.keyRing, `${prefix}:${options.run}`);
    this.grants = new PermissionGrants(this.redis, options.keyRing, `${prefix}:${options.run}`);
    const faults = options.faults && new MessageFaults(options.faults.seed, options.faults.messages, faultCounter(this.redis, faultCountsKey(prefix, options.run)));
    const shared = { connection: options.connection, run: options.run, keyRing: options.keyRing, prefix, replyTimeoutMs: 120_000, keepCompletedSeconds: 600, faults };
    this.outboxes = new SignedOutboxes(shared, this.warn);
    const transport = resolveTransportOptions({ ...shared, identity: ORCHESTRATOR_IDENTITY, concurrency: 32 });
    this.inbox = new InboxConsumer(transport, (type) => (type === 'exchange.outcome.v1' || type === 'tick.batch.v1' || type === 'tick.batch.v2' ? (envelope) => this.receive(envelope) : null), {
      warn: this.warn,
      error: this.warn,
    });
    this.inbox.onHandled(this.opmon.observe);
  }

  /** Opens the orchestrator's inbox (also done by the first `resolve`). */
  start(): Promise<void> {
    this.started ??= this.inbox.start();
    return this.started;
  }

  async resolve(batch: RequestBatch, rules: ExchangeRules): Promise<void> {
    if (this.failure) throw this.failure;
    // Everything a chunk does waits on Redis: a lost Redis or a failed close ends the wait at once, with its cause.
    await this.guarded(this.resolveChunk(batch, rules));
  }

  private async resolveChunk(batch: RequestBatch, rules: ExchangeRules): Promise<void> {
    await this.start();
    const tick = rules.tick;
    if (!this.mirror) await this.beginRun(rules);
    if (tick !== this.openTick) await this.advanceTo(tick, rules);
    const collector = new OutcomeCollector(batch, tick, this.protocol.reportsOutcome);
    collector.lastProgress = performance.now();
    this.collector = collector;
    const outgoing = requestsOf(batch, tick, this.wire!);
    const batched = this.options.delivery === 'tick';
    this.stats.jobsSent += batched ? outgoing.recipients().length : outgoing.size;
    this.sentAt = performance.now();
    if (batched && batch.length > 0 && this.protocol.hub === 'route') {
      // The hub answers the chunk as a whole (one batch per owner, one of outcomes); this also loads the tick's rules.
      const outbox = this.outboxes.outbox(ORCHESTRATOR_IDENTITY);
      await outbox.post(outbox.envelope('tick.chunk.v1', { to: HUB_IDENTITY, tick, body: { first: batch.firstOrdinal, count: batch.length } }));
    }
    // Taken before the requests are queued: a requester may take its request before the send resolves here.
    this.opmonIndex.sent(tick, batch, Date.now());
    await this.outboxes.send(ORCHESTRATOR_IDENTITY, outgoing, batched ? 'tick.batch.v2' : 'message');
    await this.options.faults?.plan.afterSend(tick);
    await collector.complete;
    this.options.faults?.plan.afterChunk(tick);
    this.collector = null;
    collector.fill(rules);
    for (let i = 0; i < batch.length; i++) this.mirror!.write(batch, i, tick);
    this.requestsInTick += batch.length;
  }

  /**
   * Rotates the run's signing keys: from the next message on, every party signs in a new key epoch (the services take
   * it up from Redis when they first meet it); messages signed before still verify. Returns the new epoch.
   */
  async rotateKeys(): Promise<number> {
    return this.store.rotateKeys();
  }

  /** The run summary's `transport` section: the hub's record merged over every closed tick. */
  transportSummary(): TransportSummary {
    const { hub } = this.stats;
    return {
      transport: 'redis',
      delivery: this.options.delivery,
      protocol: this.protocol.name,
      ticksClosed: this.stats.ticksClosed,
      jobsSent: this.stats.jobsSent,
      hub: { messages: hub.messages, queueWaitMs: hub.queueWait.summary(), handlingMs: hub.handling.summary() },
      ...(this.faultReport ? { faults: this.faultReport } : {}),
    };
  }

  /**
   * The run's opmon records: the services' entries (read from the run's opmon list once they have stopped) joined with
   * the orchestrator's own, for the exchanges it kept.
   */
  opmonRecords(services: { entries: readonly OpmonEntry[]; dropped: number }): OpmonRecords {
    const own = opmonEntries([this.opmon.take()]);
    const world = this.wire?.world;
    if (!world) return { records: [], exchangesNotKept: 0, messagesNotKept: services.dropped + own.dropped };
    return this.opmonIndex.records(world, [...services.entries, ...own.entries], services.dropped + own.dropped, { protocol: this.protocol.name, delivery: this.options.delivery });
  }

  /** Closes the last tick (checking the hub's ledger head), then disconnects. */
  async close(): Promise<void> {
    try {
      if (this.openTick >= 0) this.scheduleClose(this.openTick, this.requestsInTick);
      await this.guarded(this.closing);
      if (this.options.faults) this.faultReport = await this.readFaultReport(this.options.faults.plan);
    } finally {
      this.options.faults?.plan.release();
      await this.disconnect();
    }
  }

  /** Closes every connection without closing a tick (after a failure). Safe to call twice. */
  async disconnect(): Promise<void> {
    await this.inbox.close().catch(() => undefined);
    await this.outboxes.close().catch(() => undefined);
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /**
   * The fault report, once the copies still held back have been taken (each copy is counted as dropped or handled when
   * its recipient takes it; they lag their originals by at most MAX_COPY_LAG_MS plus the delays): waits up to 5 s.
   */
  private async readFaultReport(plan: FaultPlan): Promise<FaultReport> {
    const key = faultCountsKey(this.options.prefix ?? 'silolab', this.options.run);
    for (let wait = 0; ; wait++) {
      const counts = await readFaultCounts(this.redis, key);
      if ((counts.duplicateDropped ?? 0) + (counts.duplicateHandled ?? 0) >= counts.duplicated || wait === 50) return plan.report(counts);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async beginRun(rules: ExchangeRules): Promise<void> {
    const ledgerRun = `${scenarioHash(this.options.scenario).slice(0, 12)}-s${rules.random.seed}`;
    await this.store.publishContext({ ledgerRun, seed: rules.random.seed, scenario: this.options.scenario });
    this.watch = new RedisWatch(this.redis, this.store.contextKey, redisName(this.options.connection));
    this.mirror = new LedgerWriter(this.options.scenario.policies.provenance, rules.world, rules.random, ledgerRun);
  }

  /**
   * Closes the open tick and any empty ones in between, then opens `tick` with its published inputs. The closes are
   * checked in the background, one after another (the hub closes ticks in order), while the new tick's inputs are
   * published and its requests sent: the engine's head of each closed tick is taken now, the hub's compared when
   * its reply comes; a mismatch fails the run at the next wait for outcomes, or at `close`.
   */
  private async advanceTo(tick: number, rules: ExchangeRules): Promise<void> {
    this.options.faults?.plan.beforeTick(tick);
    if (this.openTick >= 0) this.scheduleClose(this.openTick, this.requestsInTick);
    for (let empty = this.lastClosed + 1; empty < tick; empty++) {
      this.mirror!.beginTick(empty);
      this.scheduleClose(empty, 0);
    }
    const published = await this.store.publishTick(tick, rules.scenario, rules.state);
    this.wire = new ExchangeWire(rules.world);
    this.mirror!.beginTick(tick);
    this.openTick = tick;
    this.requestsInTick = 0;
    const outbox = this.outboxes.outbox(ORCHESTRATOR_IDENTITY);
    if (this.protocol.hub === 'collect' && !(await this.grants.covers(tick, published))) {
      // The hub issues the permission grant owners check when it opens the tick: wait for it before sending (once per
      // GRANT_VALIDITY_TICKS, or after an intervention; while the grant covers the tick, the post below will do).
      await outbox.request(outbox.envelope('tick.open.v1', { to: HUB_IDENTITY, tick, body: { tick } }));
    } else if (this.protocol.hub === 'collect' || this.options.delivery === 'message') {
      // The hub loads the tick's rules when it reads this; nothing waits for its reply (in tick delivery, the chunk
      // announcement does it).
      await outbox.post(outbox.envelope('tick.open.v1', { to: HUB_IDENTITY, tick, body: { tick } }));
    }
  }

  /** Closes `tick` at the hub after the closes scheduled before it; the engine's head is taken now. */
  private scheduleClose(tick: number, expected: number): void {
    const engine = this.mirror!.closeTick();
    this.lastClosed = tick;
    if (tick === this.openTick) this.openTick = -1;
    this.closing = this.closing.then(() => this.closeAtHub(tick, expected, engine));
    this.closing.catch((error: Error) => (this.failure ??= error));
  }

  private async closeAtHub(tick: number, expected: number, engine: { head: string; records: number }): Promise<void> {
    const outbox = this.outboxes.outbox(ORCHESTRATOR_IDENTITY);
    const closing = (await outbox.request(outbox.envelope('tick.close.v1', { to: HUB_IDENTITY, tick, body: { tick, expected } }))) as SignedTickClosing;
    if (!verifyValueBy(closing, this.options.keyRing, HUB_IDENTITY)) throw new Error(`tick ${tick}: the reply to tick.close is not signed by ${HUB_IDENTITY}`);
    if (closing.head !== engine.head || closing.records !== engine.records) {
      throw new Error(`tick ${tick}: the hub's ledger (head ${closing.head}, ${closing.records} records) differs from the engine's (head ${engine.head}, ${engine.records} records)`);
    }
    this.stats.ticksClosed++;
    this.stats.hubRecords += closing.records;
    this.stats.hub.messages += closing.transport.messages;
    this.stats.hub.queueWait.merge(closing.transport.histograms.queueWait);
    this.stats.hub.handling.merge(closing.transport.histograms.handling);
  }

  /**
   * `work`, unless something fails first: checked every 250 ms — the run's failure (a close that did not match, an
   * outcome that conflicts), Redis lost ({@link RedisWatch}: unreachable, or restarted without the run), or no
   * outcome for the open chunk in `stallTimeoutMs`.
   */
  private async guarded<T>(work: Promise<T>): Promise<T> {
    const stallTimeoutMs = this.options.stallTimeoutMs ?? 180_000;
    let timer: NodeJS.Timeout | undefined;
    const watchdog = new Promise<never>((_resolve, reject) => {
      timer = setInterval(() => {
        const collector = this.collector;
        const lost = this.watch?.check(performance.now()) ?? null;
        if (this.failure) reject(this.failure);
        else if (lost) reject((this.failure = lost));
        else if (collector && collector.outstanding > 0 && performance.now() - collector.lastProgress > stallTimeoutMs) {
          reject(new Error(`tick ${collector.tick}: ${collector.outstanding} requests got no terminal outcome for ${stallTimeoutMs} ms (e.g. ${collector.missing().join(', ')}); are the hub and department services running?`));
        }
      }, 250);
    });
    // Should the watchdog win, `work` may still fail later: that is not an unhandled rejection.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, watchdog]);
    } finally {
      clearInterval(timer);
    }
  }

  /** Outcomes, one message or a batch, from whoever the protocol lets report them (the collector checks each). */
  private async receive(envelope: Envelope): Promise<null> {
    const collector = this.collector;
    const from = envelope.from;
    if (envelope.type === 'tick.batch.v2') {
      if (envelope.body.kind !== 'outcome') this.warn(`ignored tick.batch.v2 of ${envelope.body.kind}s ${envelope.id}: the orchestrator takes outcomes`);
      else forEachOutcome(envelope.body, (ordinal, decision, reason) => this.count(collector ? collector.acceptAt(envelope.tick, ordinal, decision, reason, from) : null));
    } else {
      const bodies: ExchangeOutcomeV1Body[] =
        envelope.type === 'exchange.outcome.v1' ? [envelope.body] : envelope.type === 'tick.batch.v1' ? envelope.body.items.flatMap((item) => (item.type === 'exchange.outcome.v1' ? [item.body] : [])) : [];
      for (const body of bodies) this.count(collector ? collector.accept(envelope.tick, body, from) : null);
    }
    if (collector) collector.lastProgress = performance.now();
    return null;
  }

  private count(receipt: OutcomeReceipt | null): void {
    if (receipt === 'filled' && this.options.recordLatency) this.stats.latenciesMs.push(performance.now() - this.sentAt);
    if (receipt === 'duplicate') this.stats.duplicateOutcomes++;
    else if (receipt !== null && receipt !== 'filled' && receipt.code === 'impersonation') {
      this.stats.refusedOutcomes++;
      this.warn(`ignored: ${receipt.detail}`);
    }
    else if (receipt === null || (receipt !== 'filled' && receipt.code === 'stale_tick')) this.stats.staleOutcomes++;
    else if (receipt !== 'filled') this.failure = new Error(receipt.detail);
  }
}
