// A department service process: hosts the departments given by --departments (or SILOLAB_DEPARTMENTS), e.g. 0-5,9.
// One Nest application with one BullMQ inbox per hosted department (`d0`, `d1`, ...), signing as each of them.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  countRejections,
  DepartmentEndpoint,
  departmentIdentity,
  flagValue,
  parseDepartmentList,
  readServiceSettings,
  SERVICE_READY_LINE,
  SignedOutboxes,
  TickStore,
} from '@silolab/exchange';
import { KeyRing } from '@silolab/protocol';
import { BullMqServer } from '@silolab/protocol/nest';
import Redis from 'ioredis';
import { DepartmentModule } from './department.module';

async function bootstrap(): Promise<void> {
  const settings = readServiceSettings();
  const list = flagValue(process.argv.slice(2), '--departments') ?? settings.SILOLAB_DEPARTMENTS;
  if (!list) throw new Error('--departments: expected the department indices to host (e.g. 0-5,9), or SILOLAB_DEPARTMENTS');
  const hosted = parseDepartmentList(list);
  const logger = new Logger(`department-service ${list}`);
  const run = settings.SILOLAB_RUN;
  const prefix = settings.SILOLAB_PREFIX;
  const keyRing = KeyRing.fromEnv(run);
  const shared = { connection: { url: settings.REDIS_URL }, run, keyRing, prefix, keepCompletedSeconds: 600 };
  const redis = new Redis(settings.REDIS_URL);
  redis.on('error', (error: Error) => logger.error(`redis: ${error.message}`));
  const base = `${prefix}:${run}`;
  const outboxes = new SignedOutboxes(shared, (message) => logger.error(message));
  const endpoint = new DepartmentEndpoint(new Set(hosted), new TickStore(redis, keyRing, base), outboxes, countRejections(redis, base, (line) => logger.warn(line)));
  // A hybrid application without an HTTP listener: one microservice (inbox) per hosted department.
  const app = await NestFactory.create(DepartmentModule.forEndpoint(endpoint), { logger: ['error', 'warn'] });
  for (const index of hosted) {
    app.connectMicroservice({ strategy: new BullMqServer({ ...shared, identity: departmentIdentity(index), concurrency: settings.SILOLAB_CONCURRENCY }) }, { inheritAppConfig: true });
  }
  await app.startAllMicroservices();
  await app.init();
  const stop = async () => {
    await app.close();
    await outboxes.close();
    redis.disconnect();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  process.stdout.write(`${SERVICE_READY_LINE} ${hosted.map(departmentIdentity).join(',')}\n`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`department-service: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
