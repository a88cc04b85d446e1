// The exchange hub process: consumes the `hub` inbox of one run (env: REDIS_URL, SILOLAB_RUN, SILOLAB_RUN_SECRET).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { countRejections, HUB_IDENTITY, HubEndpoint, readServiceSettings, RedisHubHistory, SERVICE_READY_LINE, SignedOutboxes, TickStore } from '@silolab/exchange';
import { KeyRing, signValue } from '@silolab/protocol';
import { BullMqServer } from '@silolab/protocol/nest';
import Redis from 'ioredis';
import { HubModule } from './hub.module';

async function bootstrap(): Promise<void> {
  const settings = readServiceSettings();
  const logger = new Logger('exchange-hub');
  const run = settings.SILOLAB_RUN;
  const prefix = settings.SILOLAB_PREFIX;
  const keyRing = KeyRing.fromEnv(run);
  const connection = { url: settings.REDIS_URL };
  const shared = { connection, run, keyRing, prefix, keepCompletedSeconds: 600 };
  const redis = new Redis(settings.REDIS_URL);
  redis.on('error', (error: Error) => logger.error(`redis: ${error.message}`));
  const base = `${prefix}:${run}`;
  const outboxes = new SignedOutboxes(shared, (message) => logger.error(message));
  const signReply = <T extends object>(value: T) => signValue(value, keyRing.key(HUB_IDENTITY));
  const endpoint = new HubEndpoint(HUB_IDENTITY, new TickStore(redis, keyRing, base), outboxes, countRejections(redis, base, (line) => logger.warn(line)), signReply, new RedisHubHistory(shared, (line) => logger.warn(line)));
  const strategy = new BullMqServer({ ...shared, identity: HUB_IDENTITY, concurrency: settings.SILOLAB_CONCURRENCY });
  strategy.onHandled(({ envelope, enqueuedAt, dequeuedAt, handlingMs }) => endpoint.recordHandled({ type: envelope.type, tick: envelope.tick, enqueuedAt, dequeuedAt, handlingMs }));
  const app = await NestFactory.createMicroservice(HubModule.forEndpoint(endpoint), {
    strategy,
    logger: ['error', 'warn'],
  });
  await app.listen();
  const stop = async () => {
    await app.close();
    await outboxes.close();
    redis.disconnect();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  process.stdout.write(`${SERVICE_READY_LINE} ${HUB_IDENTITY}\n`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`exchange-hub: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
