// Starting an exchange service process: settings from the environment, one Nest application with the shared
// providers and the app's module, one BullMQ inbox (microservice) per identity it consumes, and Nest's shutdown hooks.
import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OpmonLog, OpmonRecorder, readServiceSettings, SERVICE_READY_LINE, type ServiceSettings } from '@silolab/exchange';
import type { HandledJob } from '@silolab/protocol';
import { BULLMQ_TRANSPORT, BullMqServer, directHandlers } from '@silolab/protocol/nest';
import { ExchangeServiceModule, type ServiceTransportOptions } from './exchange-service.module';
import { SERVICE_METRICS_LINE, startServiceMetrics } from './service-metrics';
import { SERVICE_REDIS, SHARED_TRANSPORT } from './service.tokens';

/** What one service process is. */
export interface ServiceDefinition {
  /** In log lines: `exchange-hub`, `department-service 0-5`. */
  name: string;
  /** The app's module: its controllers and its endpoint, which injects the shared providers. */
  module: Type<unknown> | DynamicModule;
  /** The identities whose inboxes this process consumes (and signs as): one microservice each. */
  identities: string[];
  /** Given the started application, a listener for every handled job (the hub times its messages with it). */
  onHandled?: (app: INestApplicationContext) => (handled: HandledJob) => void;
}

/** The root module of a service process: the shared providers and the app's own module. */
@Module({})
class ServiceRootModule {}

async function bootstrap(define: (settings: ServiceSettings) => ServiceDefinition): Promise<void> {
  const settings = readServiceSettings();
  const definition = define(settings);
  const root: DynamicModule = { module: ServiceRootModule, imports: [ExchangeServiceModule.forRoot({ name: definition.name, settings }), definition.module] };
  // A hybrid application without an HTTP listener; errors reach the catch below instead of aborting the process.
  const app = await NestFactory.create(root, { logger: ['error', 'warn'], abortOnError: false });
  const shared = app.get<ServiceTransportOptions>(SHARED_TRANSPORT);
  const onHandled = definition.onHandled?.(app);
  const metrics = settings.SILOLAB_METRICS_PORT === undefined ? null : await startServiceMetrics(definition.name, definition.identities, settings, app.get(SERVICE_REDIS));
  const opmon = app.get(OpmonRecorder);
  app.get(OpmonLog).flushEvery(opmon, (error) => process.stderr.write(`${definition.name}: opmon: ${error.message}\n`));
  // The controllers' handlers, called by the transport itself: none has a guard, interceptor, pipe or filter for Nest's
  // per-message pipeline to run (docs/transport.md §7.7). A handler given one keeps that pipeline.
  const direct = directHandlers(app, BULLMQ_TRANSPORT);
  for (const identity of definition.identities) {
    const strategy = new BullMqServer({ ...shared, identity, concurrency: settings.SILOLAB_CONCURRENCY, lockMs: settings.SILOLAB_LOCK_MS });
    strategy.callDirectly(direct);
    strategy.onHandled(opmon.observe);
    if (onHandled) strategy.onHandled(onHandled);
    if (metrics) strategy.onHandled(metrics.observe);
    app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  }
  // SIGTERM / SIGINT close the inboxes, then ServiceShutdown closes the outboxes and Redis.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.startAllMicroservices();
  await app.init();
  if (metrics) process.stdout.write(`${SERVICE_METRICS_LINE} ${metrics.url}\n`);
  process.stdout.write(`${SERVICE_READY_LINE} ${definition.identities.join(',')}\n`);
}

/**
 * Runs the service `program` defines from its settings; a failure to start prints `<program>: <reason>` and exits 1.
 * The one `main` of every exchange service.
 */
export function runService(program: string, define: (settings: ServiceSettings) => ServiceDefinition): void {
  bootstrap(define).catch((error: unknown) => {
    process.stderr.write(`${program}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
