// Nest ClientProxy over BullMQ: `emit` adds a durable job, `send` also waits for the handler's reply.
import { Logger } from '@nestjs/common';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { isMessageType, type Envelope } from '../messages/envelope';
import { OutboxProducer, type OutgoingMessage } from '../transport/outbox-producer';
import { resolveTransportOptions, type BullMqTransportOptions, type ResolvedTransportOptions } from '../transport/transport-options';

/**
 * Sends SiloLab messages as `identity`. The pattern is the wire type; the data an
 * `OutgoingMessage` (`{ to, tick, body }`) which the client validates, signs and addresses:
 *
 * ```ts
 * client.emit('exchange.outcome.v1', { to: 'dept-a', tick: 3, body });        // durable event
 * await firstValueFrom(client.send('exchange.request.v1', { to: 'hub', tick: 3, body })); // reply
 * ```
 *
 * `send` replies travel as the BullMQ job's return value (see docs/protocol.md, "send"). Register
 * in Nest with `ClientsModule.register([{ name: HUB, customClass: BullMqClient, options }])`.
 */
export class BullMqClient extends ClientProxy<Record<never, Function>, 'connected' | 'disconnected'> {
  private readonly options: ResolvedTransportOptions;
  private outbox: OutboxProducer | null = null;
  private readonly logger = new Logger(BullMqClient.name);

  constructor(options: BullMqTransportOptions) {
    super();
    this.options = resolveTransportOptions(options);
  }

  /** Opens the outbox (queues are opened lazily per recipient). Idempotent. */
  async connect(): Promise<OutboxProducer> {
    if (!this.outbox) {
      this.outbox = new OutboxProducer(this.options, (message) => this.logger.error(`${this.options.identity}: ${message}`));
      this._status$.next('connected');
    }
    return this.outbox;
  }

  /** Closes every queue and event stream. Safe to call twice. */
  async close(): Promise<void> {
    const outbox = this.outbox;
    this.outbox = null;
    await outbox?.close();
    this._status$.next('disconnected');
  }

  /** The outbox (signs and posts envelopes); throws before `connect`. */
  unwrap<T>(): T {
    if (!this.outbox) throw new Error('BullMqClient.unwrap: not connected yet (call connect() first)');
    return this.outbox as T;
  }

  /** The signed envelope this client would put on the wire for `pattern` and `message`. */
  async envelopeFor(pattern: string, message: OutgoingMessage): Promise<Envelope> {
    return this.toEnvelope(await this.connect(), { pattern, data: message });
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    let unsubscribed = false;
    const outbox = this.outbox;
    (async () => {
      if (!outbox) throw new Error('BullMqClient: not connected');
      const reply = await outbox.request(this.toEnvelope(outbox, packet));
      if (!unsubscribed) callback({ response: reply, isDisposed: true });
    })().catch((err: unknown) => {
      if (!unsubscribed) callback({ err });
    });
    // Unsubscribing stops waiting; the message itself is already durable and will be handled.
    return () => {
      unsubscribed = true;
    };
  }

  protected async dispatchEvent<T = unknown>(packet: ReadPacket): Promise<T> {
    const outbox = await this.connect();
    const job = await outbox.post(this.toEnvelope(outbox, packet));
    return job.id as T;
  }

  private toEnvelope(outbox: OutboxProducer, packet: ReadPacket): Envelope {
    const type = this.normalizePattern(packet.pattern);
    if (!isMessageType(type)) throw new Error(`BullMqClient pattern: expected a SiloLab message type, got ${JSON.stringify(type)}`);
    return outbox.envelope(type, packet.data as OutgoingMessage);
  }
}
