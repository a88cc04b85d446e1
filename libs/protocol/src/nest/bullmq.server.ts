// Nest custom transport strategy: services consume their BullMQ inbox with ordinary @MessagePattern / @EventPattern handlers.
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Envelope, MessageType } from '../messages/envelope';
import type { DeadLetterReason } from '../transport/dead-letters';
import { InboxConsumer, type HandledJob, type InboxHandler } from '../transport/inbox-consumer';
import { resolveTransportOptions, type BullMqTransportOptions, type ResolvedTransportOptions } from '../transport/transport-options';
import { BullMqContext } from './bullmq.context';
import type { DirectHandler } from './direct-handlers';

/** Transport id of the SiloLab BullMQ transport (for `@MessagePattern(type, BULLMQ_TRANSPORT)`). */
export const BULLMQ_TRANSPORT = Symbol.for('silolab.bullmq');

/** Status values this server reports on `status`. */
export type BullMqServerStatus = 'connected' | 'disconnected';

/**
 * Consumes `${prefix}:${run}:${identity}` and hands each message to the handler registered for its
 * wire type (`@MessagePattern('exchange.request.v1')`). Handlers receive the verified envelope as
 * payload and a `BullMqContext`; malformed, forged and misrouted messages never reach them (they
 * are dead-lettered, see InboxConsumer). A message handler's value (the last one, if it returns a
 * stream) is the reply to a client's `send`. Errors of event handlers reach the transport, so
 * they are retried like any other failure. Handlers given to `callDirectly` (see directHandlers) are called
 * without Nest's per-message pipeline; the others through it.
 *
 * ```ts
 * NestFactory.createMicroservice(HubModule, { strategy: new BullMqServer({ connection, run, identity: 'hub', keyRing }) });
 * ```
 */
export class BullMqServer extends Server<Record<string, Function>, BullMqServerStatus> implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private readonly options: ResolvedTransportOptions;
  private consumer: InboxConsumer | null = null;
  private readonly pendingListeners: Array<[string, (...args: unknown[]) => void]> = [];
  private readonly handledListeners: Array<(handled: HandledJob) => void> = [];
  /**
   * The inbox handler of each wire type, looked up once. Nest's `getHandlerByPattern` first tries `JSON.parse` on the
   * pattern, which throws (and builds a stack trace) for every plain string like `exchange.request.v1`: per message
   * that was 4–7 % of a service's CPU. Handlers are registered before `listen`, so the first lookup is the answer.
   */
  private readonly routes = new Map<MessageType, InboxHandler | null>();
  /** Whether processing hooks were set (tracing): without any, a handler is called without wrapping it in them. */
  private hooked = false;
  /** Handlers called without Nest's per-message pipeline, by wire type (see directHandlers). */
  private direct: ReadonlyMap<string, DirectHandler> = new Map();

  constructor(options: BullMqTransportOptions) {
    super();
    this.options = resolveTransportOptions(options);
    this.transportId = BULLMQ_TRANSPORT;
  }

  /** Starts consuming; `callback(error)` if Redis cannot be reached, `callback()` once ready. */
  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    const consumer = new InboxConsumer(this.options, (type) => this.route(type), {
      warn: (message) => this.logger.warn(message),
      error: (message) => this.logger.error(message),
    });
    this.consumer = consumer;
    for (const listener of this.handledListeners) consumer.onHandled(listener);
    consumer.start().then(
      () => {
        for (const [event, listener] of this.pendingListeners) consumer.bullWorker?.on(event as 'completed', listener);
        this._status$.next('connected');
        callback();
      },
      (error: unknown) => callback(error),
    );
  }

  /** Waits for handlers in progress, then closes the worker and every connection. */
  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.close();
    this._status$.next('disconnected');
  }

  /** Subscribes to the underlying BullMQ Worker's events (`completed`, `failed`, `error`, ...). */
  on(event: string, callback: Function): void {
    const listener = callback as (...args: unknown[]) => void;
    const worker = this.consumer?.bullWorker;
    if (worker) worker.on(event as 'completed', listener);
    else this.pendingListeners.push([event, listener]);
  }

  /** Calls `listener` after every message a handler accepted, with its enqueue, dequeue and handling times. */
  onHandled(listener: (handled: HandledJob) => void): void {
    this.handledListeners.push(listener);
    this.consumer?.onHandled(listener);
  }

  /** The BullMQ Worker; throws before `listen`. */
  unwrap<T>(): T {
    const worker = this.consumer?.bullWorker;
    if (!worker) throw new Error('BullMqServer.unwrap: not listening yet (call app.listen() first)');
    return worker as T;
  }

  /** Dead-letter counts by reason for this identity (e.g. `{ bad_signature: 2 }`). */
  async deadLetterCounts(): Promise<Partial<Record<DeadLetterReason, number>>> {
    return this.consumer ? this.consumer.deadLetterCounts() : {};
  }

  /**
   * Calls these handlers directly instead of through Nest's per-message pipeline (`directHandlers(app, BULLMQ_TRANSPORT)`
   * gives those of an application that can be). Types not in the map keep Nest's pipeline.
   */
  callDirectly(handlers: ReadonlyMap<string, DirectHandler>): void {
    this.direct = handlers;
    this.routes.clear();
  }

  override setOnProcessingStartHook(hook: Parameters<Server['setOnProcessingStartHook']>[0]): void {
    this.hooked = true;
    super.setOnProcessingStartHook(hook);
  }

  override setOnProcessingEndHook(hook: Parameters<Server['setOnProcessingEndHook']>[0]): void {
    this.hooked = true;
    super.setOnProcessingEndHook(hook);
  }

  private route(type: MessageType): InboxHandler | null {
    let route = this.routes.get(type);
    if (route === undefined) {
      route = this.handlerFor(type);
      this.routes.set(type, route);
    }
    return route;
  }

  /**
   * Calls the Nest handler of `type` between the processing hooks (when any are set) and resolves with its reply: its
   * value, or the last value when it returns a stream. A plain value or promise is answered without an async wrapper
   * of its own (each one is a promise per message); only a stream goes through rxjs (`transformToObservable` +
   * `lastValueFrom` cost an Observable and two subscriptions per message).
   */
  private handlerFor(type: MessageType): InboxHandler | null {
    const handler: DirectHandler | null = this.direct.get(type) ?? this.getHandlerByPattern(type);
    if (!handler) return null;
    return (envelope: Envelope, job) => {
      const context = new BullMqContext([job, envelope]);
      return this.hooked ? this.replyWithinHooks(handler, envelope, context) : replyOf(handler, envelope, context);
    };
  }

  /** The handler's reply, the handler called between the processing hooks (tracing). */
  private async replyWithinHooks(handler: DirectHandler, envelope: Envelope, context: BullMqContext): Promise<unknown> {
    let reply: unknown;
    await this.runWithProcessingHooks(context, async (runEndHook) => {
      try {
        reply = await replyOf(handler, envelope, context);
      } finally {
        runEndHook();
      }
    });
    return reply;
  }
}

/**
 * What a Nest handler replies: its value, or the last value when it returns a stream (only then through rxjs). A
 * handler that throws is a rejected reply, as from an async function.
 */
function replyOf(handler: (envelope: Envelope, context: BullMqContext) => unknown, envelope: Envelope, context: BullMqContext): Promise<unknown> {
  let result: unknown;
  try {
    result = handler(envelope, context);
  } catch (error) {
    return Promise.reject(error);
  }
  if (isObservable(result)) return lastValueFrom(result, { defaultValue: undefined });
  // A native promise is taken as it is (Promise.resolve returns it), so a promise handler costs one `then`.
  return Promise.resolve(result).then(lastOf);
}

/** A resolved handler value: as it is, or the last value of a stream. */
function lastOf(value: unknown): unknown {
  return isObservable(value) ? lastValueFrom(value, { defaultValue: undefined }) : value;
}
