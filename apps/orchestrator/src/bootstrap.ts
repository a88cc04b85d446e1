// Starts an orchestrator: the Nest app with its WebSocket adapter, OpenAPI docs, dashboard files and shutdown hooks.
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { RunManager } from '@silolab/orchestration';
import { silolabVersion } from '@silolab/runner';
import { dashboardFallback, findDashboard } from './dashboard';
import { OrchestratorModule } from './orchestrator.module';
import type { OrchestratorOptions } from './orchestrator.options';

/** A started orchestrator. */
export interface RunningOrchestrator {
  app: NestExpressApplication;
  manager: RunManager;
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  dashboard: string | null;
  close(): Promise<void>;
}

/** Starts the orchestrator and listens; resolves once it accepts requests. */
export async function startOrchestrator(options: OrchestratorOptions = {}): Promise<RunningOrchestrator> {
  const app = await NestFactory.create<NestExpressApplication>(OrchestratorModule.forRoot(options), {
    logger: options.verbose ? ['log', 'warn', 'error'] : ['warn', 'error'],
  });
  app.useWebSocketAdapter(new WsAdapter(app));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);

  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('SiloLab orchestrator')
        .setDescription('Start and control simulation runs; read their stored metrics and ledger heads. Tick events stream on the WebSocket at /ws.')
        .setVersion(silolabVersion())
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document);

  // The dashboard's static files, when built, and its client routes (see dashboard.ts). Both are Express middleware
  // registered before Nest's routes, so the fallback leaves /api and /ws alone.
  const dashboard = findDashboard(options.dashboardDir);
  if (dashboard) {
    app.useStaticAssets(dashboard, { index: 'index.html' });
    app.use(dashboardFallback(dashboard));
  }

  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  await app.listen(port, host);
  const address = app.getHttpServer().address() as { port: number };
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { app, manager: app.get(RunManager), url: `http://${shownHost}:${address.port}`, dashboard, close: () => app.close() };
}
