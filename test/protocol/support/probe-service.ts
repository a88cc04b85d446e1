// A department-like Nest microservice for transport tests: its handlers record every call they get.
import { Controller, Inject, Module, type DynamicModule, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import type { BullMqTransportOptions, Envelope, EnvelopeOf, ExchangeDecisionV1Body, MessageType } from '@silolab/protocol';
import { BULLMQ_TRANSPORT, BullMqContext, BullMqServer, directHandlers } from '@silolab/protocol/nest';

/** One handler call as seen by the handler. */
export interface ProbeCall {
  type: string;
  id: string;
  from: string;
  attemptsMade: number;
}

/** Records calls; `failures` makes a handler throw on its first N attempts of each message. */
export class Probe {
  readonly calls: ProbeCall[] = [];
  /** Messages whose handler completed its effect (counted once per successful call). */
  readonly effects: string[] = [];
  /** Per call, whether Nest's per-message pipeline (its RPC context creator) was on the handler's stack. */
  readonly throughNest: boolean[] = [];

  constructor(private readonly failures: { firstAttempts?: number; always?: boolean } = {}) {}

  handle(envelope: Envelope, context: BullMqContext): void {
    const attemptsMade = context.getJob().attemptsMade;
    this.calls.push({ type: envelope.type, id: envelope.id, from: envelope.from, attemptsMade });
    this.throughNest.push((new Error().stack ?? '').includes('rpc-context-creator'));
    if (this.failures.always || attemptsMade < (this.failures.firstAttempts ?? 0)) throw new Error(`${envelope.type} handler failed on attempt ${attemptsMade + 1}`);
    this.effects.push(envelope.id);
  }
}

const PROBE = 'PROBE';

@Controller()
class ProbeController {
  constructor(@Inject(PROBE) private readonly probe: Probe) {}

  @MessagePattern('exchange.request.v1')
  decide(@Payload() envelope: EnvelopeOf<'exchange.request.v1'>, @Ctx() context: BullMqContext): ExchangeDecisionV1Body {
    this.probe.handle(envelope, context);
    return { requestId: envelope.body.requestId, decision: 'share', reason: null };
  }

  @EventPattern<MessageType>('exchange.decision.v1')
  decision(@Payload() envelope: Envelope, @Ctx() context: BullMqContext): void {
    this.probe.handle(envelope, context);
  }

  @EventPattern<MessageType>('exchange.outcome.v1')
  async outcome(@Payload() envelope: Envelope, @Ctx() context: BullMqContext): Promise<void> {
    this.probe.handle(envelope, context);
  }
}

@Module({})
class ProbeModule {
  static with(probe: Probe): DynamicModule {
    return { module: ProbeModule, controllers: [ProbeController], providers: [{ provide: PROBE, useValue: probe }] };
  }
}

/** A listening probe service and its transport server. */
export interface RunningProbe {
  app: INestMicroservice;
  server: BullMqServer;
  probe: Probe;
}

/** Starts a Nest microservice (NestFactory.createMicroservice + BullMqServer) that records into `probe`. */
export async function startProbe(options: BullMqTransportOptions, probe = new Probe(), direct = false): Promise<RunningProbe> {
  const server = new BullMqServer(options);
  const app = await NestFactory.createMicroservice(ProbeModule.with(probe), { strategy: server, logger: false });
  if (direct) server.callDirectly(directHandlers(app, BULLMQ_TRANSPORT));
  await app.listen();
  return { app, server, probe };
}
