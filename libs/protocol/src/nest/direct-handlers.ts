// Handlers the BullMQ transport calls itself, without Nest's per-message pipeline, when that pipeline has nothing to do.
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { INestApplicationContext } from '@nestjs/common';
import { ApplicationConfig, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { PATTERN_METADATA, TRANSPORT_METADATA } from '@nestjs/microservices/constants';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import type { Envelope } from '../messages/envelope';
import type { BullMqContext } from './bullmq.context';

/** A controller method bound to its instance, called as Nest would call it: (payload, context). */
export type DirectHandler = (envelope: Envelope, context: BullMqContext) => unknown;

const ENHANCERS = [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, EXCEPTION_FILTERS_METADATA];

/** True when `target` (a class or a method) has a guard, interceptor, pipe or exception filter bound to it. */
function hasEnhancers(target: object): boolean {
  return ENHANCERS.some((key) => ((Reflect.getMetadata(key, target) as unknown[] | undefined)?.length ?? 0) > 0);
}

/** True when the application has a global guard, interceptor, pipe or filter (`useGlobal…` or `APP_…` providers). */
function hasGlobalEnhancers(config: ApplicationConfig): boolean {
  return [
    config.getGlobalGuards(),
    config.getGlobalInterceptors(),
    config.getGlobalPipes(),
    config.getGlobalFilters(),
    config.getGlobalRequestGuards(),
    config.getGlobalRequestInterceptors(),
    config.getGlobalRequestPipes(),
    config.getGlobalRequestFilters(),
  ].some((enhancers) => enhancers.length > 0);
}

/**
 * True when the method takes only what a direct call passes: nothing, `@Payload()` first, `@Ctx()` second — without
 * a property path or pipes. Any other parameter decorator (a custom one, `@Payload('body')`) needs Nest to fill it.
 */
function takesPayloadAndContext(controller: object, method: string): boolean {
  const params = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown; pipes?: unknown[] }>;
  return Object.entries(params).every(([key, { index, data, pipes }]) => {
    const plain = data === undefined && (pipes?.length ?? 0) === 0;
    return plain && ((key === `${RpcParamtype.PAYLOAD}:${index}` && index === 0) || (key === `${RpcParamtype.CONTEXT}:${index}` && index === 1));
  });
}

/**
 * The message and event handlers of `transportId` that the transport may call directly: Nest's per-message pipeline
 * (its event-handler wrapper, RPC proxy, context creator, interceptors consumer and parameter pipes — about 17 promises
 * per message) runs only guards, interceptors, pipes and exception filters, so where none applies the method itself is
 * called. A handler qualifies when
 * - its pattern is a string, registered for this transport (or for any), and no other handler has the same one
 *   (Nest chains several handlers of one event);
 * - its controller is static (not request-scoped) and has no enhancer on the class or the method;
 * - it takes only `@Payload()` first and `@Ctx()` second, without a property path or pipes;
 * - and the application has no global enhancer at all.
 * Every other handler keeps Nest's pipeline. Errors thrown by a direct handler reach the transport as they are (Nest's
 * default filter would have replaced their message with `Internal server error`). Call it once the application's
 * modules are instantiated and its global enhancers set (docs/transport.md §7.7).
 */
export function directHandlers(app: INestApplicationContext, transportId: symbol): Map<string, DirectHandler> {
  const handlers = new Map<string, DirectHandler>();
  if (hasGlobalEnhancers(app.get(ApplicationConfig))) return handlers;
  const claimed = new Set<string>();
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of scanner.getAllMethodNames(prototype)) {
        const callback = prototype[method] as (...args: unknown[]) => unknown;
        const patterns = Reflect.getMetadata(PATTERN_METADATA, callback) as unknown[] | undefined;
        if (!patterns) continue;
        const transport = Reflect.getMetadata(TRANSPORT_METADATA, callback) as unknown;
        if (transport !== undefined && transport !== transportId) continue;
        const direct = !hasEnhancers(prototype.constructor as object) && !hasEnhancers(callback) && takesPayloadAndContext(prototype.constructor as object, method);
        for (const pattern of patterns) {
          if (typeof pattern !== 'string') continue;
          // A second handler of the same pattern: both keep Nest's pipeline, which chains them.
          if (claimed.has(pattern)) handlers.delete(pattern);
          else if (direct) handlers.set(pattern, callback.bind(instance) as DirectHandler);
          claimed.add(pattern);
        }
      }
    }
  }
  return handlers;
}
