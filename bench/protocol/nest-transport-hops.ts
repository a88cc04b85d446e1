// The hop benchmark through SiloLab's path: Nest microservices on BullMqServer, forwarding with BullMqClient.
import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Inject, Module, type DynamicModule, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { KeyRing, type EnvelopeOf, type ExchangeRequestV1Body, type TickBatchV1Item, type TransportConnection } from '@silolab/protocol';
import { BullMqClient, BullMqServer } from '@silolab/protocol/nest';
import { dropKeys } from '@silolab/exchange';
import { HopRecorder, checkHopsOptions, chunkKeys, type HopsOptions, type HopsResult } from './hop-recorder';

const HOP = 'SILOLAB_BENCH_HOP';
const RUN = 'bench';

/** What one hop does with the request bodies it receives: pass them on, or record their arrival. */
interface Hop {
  receive(tick: number, bodies: ExchangeRequestV1Body[]): Promise<void>;
}

@Controller()
class HopController {
  constructor(@Inject(HOP) private readonly hop: Hop) {}

  @EventPattern('exchange.request.v1')
  async request(@Payload() envelope: EnvelopeOf<'exchange.request.v1'>): Promise<void> {
    await this.hop.receive(envelope.tick, [envelope.body]);
  }

  @EventPattern('tick.batch.v1')
  async batch(@Payload() envelope: EnvelopeOf<'tick.batch.v1'>): Promise<void> {
    const bodies = envelope.body.items.flatMap((item) => (item.type === 'exchange.request.v1' ? [item.body] : []));
    await this.hop.receive(envelope.tick, bodies);
  }
}

@Module({})
class HopModule {
  static forHop(hop: Hop): DynamicModule {
    return { module: HopModule, controllers: [HopController], providers: [{ provide: HOP, useValue: hop }] };
  }
}

function requestBody(key: string): ExchangeRequestV1Body {
  return { requestId: key, ordinal: 0, requester: 'source', owner: 'owner', dataset: 'dataset', purpose: 'bench', application: key };
}

/** Emits `bodies` to `to`: one exchange.request.v1 when alone, else one tick.batch.v1. */
async function emitBodies(client: BullMqClient, to: string, tick: number, bodies: ExchangeRequestV1Body[]): Promise<void> {
  if (bodies.length === 1) {
    await lastValueFrom(client.emit('exchange.request.v1', { to, tick, body: bodies[0] }));
  } else {
    const items: TickBatchV1Item[] = bodies.map((body) => ({ type: 'exchange.request.v1', body }));
    await lastValueFrom(client.emit('tick.batch.v1', { to, tick, body: { items } }));
  }
}

/**
 * The same run as `rawBullMqHops`, through SiloLab's transport: a `source` client emits signed
 * messages (`tick.batch.v1` with `batch` requests per job, or `exchange.request.v1` when batch = 1)
 * to `hop0`; each hop is a Nest microservice whose @EventPattern handler re-emits them, signed as
 * itself, to the next hop; the last one records arrivals. Every job is validated, verified and
 * de-duplicated on the way, which is what the comparison measures.
 */
export async function nestTransportHops(connection: TransportConnection, options: HopsOptions): Promise<HopsResult> {
  const { hops, messages, batch, timeoutMs } = checkHopsOptions(options);
  const prefix = options.prefix ?? `bench-nest-${randomUUID().slice(0, 8)}`;
  const keyRing = KeyRing.fromSecret(randomBytes(32), RUN);
  const transport = { connection, run: RUN, keyRing, prefix };
  const recorder = new HopRecorder(messages);
  const clients = [new BullMqClient({ ...transport, identity: 'source' })];
  const apps: INestMicroservice[] = [];
  try {
    for (let index = 0; index < hops; index += 1) {
      const identity = `hop${index}`;
      const next = index + 1 < hops ? new BullMqClient({ ...transport, identity }) : null;
      if (next) clients.push(next);
      const hop: Hop = {
        receive: async (tick, bodies) => {
          if (next) await emitBodies(next, `hop${index + 1}`, tick, bodies);
          else recorder.arrived(bodies.map((body) => body.requestId));
        },
      };
      const app = await NestFactory.createMicroservice(HopModule.forHop(hop), {
        strategy: new BullMqServer({ ...transport, identity }),
        logger: ['error'],
      });
      apps.push(app);
      await app.listen();
    }
    const source = clients[0];
    await source.connect();
    recorder.start();
    await Promise.all(
      chunkKeys(messages, batch).map((keys) => {
        recorder.sent(keys);
        return emitBodies(source, 'hop0', 0, keys.map(requestBody));
      }),
    );
    return await recorder.result(timeoutMs);
  } finally {
    for (const app of apps) await app.close();
    await Promise.all(clients.map((client) => client.close()));
    if (!options.prefix) await dropKeys(connection, prefix);
  }
}
