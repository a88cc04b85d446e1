// Starts an orchestrator: the access rules, the Nest app with its WebSocket adapter, OpenAPI docs, dashboard files
// and shutdown hooks.
import { networkInterfaces } from 'node:os';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { resolveAccess, resolveServerLimits, RunManager, type ResolvedAccess, type ServerLimits } from '@silolab/orchestration';
import { openDatabase } from '@silolab/persistence';
import { silolabVersion } from '@silolab/runner';
import { docsAccess, writeBoundary } from './access/http-boundary';
import { dashboardFallback, findDashboard } from './dashboard';
import { OrchestratorModule } from './orchestrator.module';
import type { OrchestratorOptions } from './orchestrator.options';

/** Largest JSON body accepted (the API's bodies are small; an inline scenario is the largest). */
const BODY_LIMIT = '100kb';

/** A started orchestrator. */
export interface RunningOrchestrator {
  app: NestExpressApplication;
  manager: RunManager;
  /** Base URL to reach it, e.g. `http://127.0.0.1:3000` (on 0.0.0.0: this machine's first network address). */
  url: string;
  /** Every base URL it answers on (each interface's address when it listens on all of them). */
  urls: string[];
  /** The address and port it listens on, as the socket reports them. */
  listening: { address: string; port: number };
  /** Runs at once and what each run may take. */
  limits: ServerLimits;
  /** The operator token, where it came from, whether reads need it, and start-up warnings about access. */
  access: Omit<ResolvedAccess, 'access'> & { readsNeedToken: boolean };
  dashboard: string | null;
  close(): Promise<void>;
}

/**
 * Starts the orchestrator and listens; resolves once it accepts requests. Refused settings throw `AccessSetupError`
 * or `ServerLimitError`; a damaged, emptied or missing SQLite database throws `PersistenceError` (DATABASE_DAMAGED,
 * DATABASE_MISSING) before Nest starts, leaving the file as it was.
 */
export async function startOrchestrator(options: OrchestratorOptions = {}): Promise<RunningOrchestrator> {
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const limits = resolveServerLimits(options.limits);
  const { access, ...accessInfo } = resolveAccess({ host, tokenFree: options.tokenFree, token: options.token ?? (process.env.SILOLAB_API_TOKEN || undefined) });

  const database = await openDatabase(options.database ?? {});
  const app = await NestFactory.create<NestExpressApplication>(OrchestratorModule.forRoot(options, database, access, limits), {
    logger: options.verbose ? ['log', 'warn', 'error'] : ['warn', 'error'],
    // JSON only: the default urlencoded parser (qs, nested keys) is never installed.
    bodyParser: false,
  });
  // Before any parser: writes are JSON or empty, and come from an allowed origin.
  app.use(writeBoundary(options.corsOrigins ?? []));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  if (options.corsOrigins?.length) app.enableCors({ origin: options.corsOrigins, allowedHeaders: ['Authorization', 'Content-Type'], maxAge: 600 });
  app.useWebSocketAdapter(new WsAdapter(app));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);

  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('SiloLab orchestrator')
        .setDescription('Start and control simulation runs; read their stored metrics and ledger heads. Tick events stream on the WebSocket at /ws. Write routes need `Authorization: Bearer <token>`.')
        .setVersion(silolabVersion())
        .addBearerAuth()
        .addSecurityRequirements('bearer')
        .build(),
    );
  app.use(['/api/docs', '/api/docs-json', '/api/docs-yaml'], docsAccess(access));
  SwaggerModule.setup('api/docs', app, document);

  // The dashboard's static files, when built, and its client routes (see dashboard.ts). Both are Express middleware
  // registered before Nest's routes, so the fallback leaves /api and /ws alone.
  const dashboard = findDashboard(options.dashboardDir);
  if (dashboard) {
    app.useStaticAssets(dashboard, { index: 'index.html' });
    app.use(dashboardFallback(dashboard));
  }

  await app.listen(port, host);
  const listening = app.getHttpServer().address() as { address: string; port: number };
  const urls = reachableUrls(listening);
  return { app, manager: app.get(RunManager), url: urls[0], urls, listening, limits, access: { ...accessInfo, readsNeedToken: access.policy.readsNeedToken }, dashboard, close: () => app.close() };
}

/** The URLs a listening socket answers on: its own address, or each interface's when it listens on all of them. */
export function reachableUrls(listening: { address: string; port: number }): string[] {
  const format = (address: string) => `http://${address.includes(':') ? `[${address}]` : address}:${listening.port}`;
  if (listening.address !== '0.0.0.0' && listening.address !== '::') return [format(listening.address)];
  const addresses = Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => (listening.address === '0.0.0.0' ? entry.family === 'IPv4' : true))
    .sort((a, b) => Number(a.internal) - Number(b.internal))
    .map((entry) => entry.address);
  return addresses.length > 0 ? addresses.map(format) : [format('127.0.0.1')];
}
