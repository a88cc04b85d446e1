// Controllers for the rules of directHandlers, run in a Nest process (direct-handlers.e2e-spec.ts): which handlers of
// an application the BullMQ transport may call without Nest's per-message pipeline, and how a direct call behaves.
import { Controller, Injectable, Module, Scope, UseGuards, UseInterceptors, type CallHandler, type CanActivate, type NestInterceptor, type Type } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import type { Envelope } from '@silolab/protocol';
import { BULLMQ_TRANSPORT, BullMqContext, directHandlers } from '@silolab/protocol/nest';

@Injectable()
class AllowAll implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

@Injectable()
class PassThrough implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler) {
    return next.handle();
  }
}

@Controller()
class Plain {
  readonly seen: string[] = [];

  @EventPattern('exchange.request.v1')
  request(@Payload() envelope: Envelope): string {
    this.seen.push(envelope.id);
    return `request ${envelope.id}`;
  }

  @MessagePattern('tick.open.v1')
  open(@Payload() envelope: Envelope, @Ctx() context: BullMqContext): string {
    return `open ${envelope.tick} with ${context.getEnvelope().id}`;
  }

  @EventPattern('exchange.outcome.v1')
  @UseGuards(AllowAll)
  guarded(_envelope: Envelope): void {}

  @EventPattern('tick.close.v1')
  bodyOnly(@Payload('body') body: unknown): unknown {
    return body;
  }

  @EventPattern('tick.chunk.v1', Transport.TCP)
  overTcp(_envelope: Envelope): void {}

  @EventPattern('tick.batch.v1', BULLMQ_TRANSPORT)
  ownTransport(_envelope: Envelope): void {}
}

@Controller()
@UseInterceptors(PassThrough)
class Intercepted {
  @EventPattern('exchange.decision.v1')
  decision(_envelope: Envelope): void {}
}

@Controller({ scope: Scope.REQUEST })
class PerRequest {
  @EventPattern('tick.batch.v2')
  batch(_envelope: Envelope): void {}
}

@Controller()
class AlsoRequests {
  @EventPattern('exchange.request.v1')
  again(_envelope: Envelope): void {}
}

async function typesOf(controllers: Array<Type<unknown>>, setup: { globalInterceptor?: boolean; appGuard?: boolean } = {}): Promise<string[]> {
  @Module({ controllers, providers: setup.appGuard ? [{ provide: APP_GUARD, useClass: AllowAll }] : [] })
  class RulesModule {}
  const app = await NestFactory.create(RulesModule, { logger: false });
  if (setup.globalInterceptor) app.useGlobalInterceptors(new PassThrough());
  try {
    return [...directHandlers(app, BULLMQ_TRANSPORT).keys()].sort();
  } finally {
    await app.close();
  }
}

/** The wire types each application would have called directly, and what two direct calls returned. */
export async function rules() {
  @Module({ controllers: [Plain] })
  class PlainModule {}
  const app = await NestFactory.create(PlainModule, { logger: false });
  const handlers = directHandlers(app, BULLMQ_TRANSPORT);
  const envelope = { type: 'tick.open.v1', run: 'r1', tick: 4, from: 'orchestrator', to: 'hub', id: 'tick.open.v1:4', body: { tick: 4 }, sig: 'x' } as unknown as Envelope;
  const context = new BullMqContext([null as never, envelope]);
  const replies = [handlers.get('tick.open.v1')!(envelope, context), handlers.get('exchange.request.v1')!(envelope, context)];
  const seen = app.get(Plain).seen;
  await app.close();
  return {
    plain: await typesOf([Plain]),
    withIntercepted: await typesOf([Plain, Intercepted]),
    perRequest: await typesOf([PerRequest]),
    shared: await typesOf([Plain, AlsoRequests]),
    globalInterceptor: await typesOf([Plain], { globalInterceptor: true }),
    appGuard: await typesOf([Plain], { appGuard: true }),
    replies,
    seen,
  };
}
