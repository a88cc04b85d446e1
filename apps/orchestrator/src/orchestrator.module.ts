// The orchestrator app: persistence, the run manager, the REST controllers, health, the tick stream, and the guards
// every request passes (rate limits, then the access rules).
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { RunManager, WorkshopReports, WorkshopSessions, type ApiAccess, type ServerLimits } from '@silolab/orchestration';
import { DATABASE, PersistenceModule, type Database } from '@silolab/persistence';
import { DatabaseErrorFilter } from './errors/database-error.filter';
import { AccessGuard } from './access/access.guard';
import { API_ACCESS } from './access/api-access.token';
import { OrchestrationErrorFilter } from './errors/orchestration-error.filter';
import { HealthController } from './health/health.controller';
import { MetricsController, OrchestratorMetrics } from './metrics/metrics.controller';
import { ORCHESTRATOR_OPTIONS, type OrchestratorOptions } from './orchestrator.options';
import { RunManagerShutdown } from './runs/run-manager.shutdown';
import { RunsController } from './runs/runs.controller';
import { ScenariosController } from './scenarios/scenarios.controller';
import { TicksGateway } from './stream/ticks.gateway';
import { rateTracker } from './access/rate-tracker';
import { ReportsController } from './workshop/reports.controller';
import { SeatGateway } from './workshop/seat.gateway';
import { SessionsController } from './workshop/sessions.controller';

/** Default requests per minute per client address: all requests, and writes among them. */
export const DEFAULT_RATE_LIMITS = { requestsPerMinute: 600, writesPerMinute: 120 };

/** `OrchestratorModule.forRoot(options, database, access, limits)`: one RunManager over the opened database. */
@Module({})
export class OrchestratorModule {
  static forRoot(options: OrchestratorOptions, database: Database, access: ApiAccess, limits: ServerLimits): DynamicModule {
    const rates = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
    const isRead = (method: string) => method === 'GET' || method === 'HEAD';
    return {
      module: OrchestratorModule,
      imports: [
        PersistenceModule.forDatabase(database),
        TerminusModule,
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'requests', ttl: 60_000, limit: rates.requestsPerMinute },
            { name: 'writes', ttl: 60_000, limit: rates.writesPerMinute, skipIf: (context) => isRead(context.switchToHttp().getRequest<{ method: string }>().method) },
          ],
          // A seat's requests count against the seat, everyone else's against their address (rate-tracker.ts).
          getTracker: rateTracker(access),
          errorMessage: `too many requests from this address or seat: at most ${rates.requestsPerMinute} a minute, ${rates.writesPerMinute} of them writes (silolab serve --rate-limit)`,
        }),
      ],
      controllers: [RunsController, ScenariosController, HealthController, MetricsController, SessionsController, ReportsController],
      providers: [
        { provide: ORCHESTRATOR_OPTIONS, useValue: options },
        { provide: API_ACCESS, useValue: access },
        // Rate limits first, so refused tokens count against the caller too.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        {
          provide: RunManager,
          inject: [DATABASE],
          // Runs an earlier process left running are resumed (or recorded as failed, saying why) before anything is served.
          useFactory: async (database: Database) => {
            const manager = new RunManager({ store: database, transport: options.transport, limits });
            const { resumed, failed } = await manager.recoverOrphans();
            for (const run of resumed) process.stderr.write(`silolab orchestrator: run ${run.id} (${run.scenarioName}) resumed after its orchestrator process ended\n`);
            for (const run of failed) process.stderr.write(`silolab orchestrator: run ${run.id} (${run.scenarioName}) recorded as failed: ${run.error}\n`);
            return manager;
          },
        },
        { provide: WorkshopSessions, inject: [RunManager], useFactory: (manager: RunManager) => new WorkshopSessions(manager, access) },
        { provide: WorkshopReports, inject: [RunManager, WorkshopSessions], useFactory: (manager: RunManager, sessions: WorkshopSessions) => new WorkshopReports(manager, sessions) },
        RunManagerShutdown,
        OrchestratorMetrics,
        TicksGateway,
        SeatGateway,
        { provide: APP_FILTER, useClass: OrchestrationErrorFilter },
        { provide: APP_FILTER, useClass: DatabaseErrorFilter },
      ],
    };
  }
}
