// The orchestrator app: persistence, the run manager, the REST controllers, health and the tick stream.
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { RunManager } from '@silolab/orchestration';
import { DATABASE, PersistenceModule, type Database } from '@silolab/persistence';
import { OrchestrationErrorFilter } from './errors/orchestration-error.filter';
import { HealthController } from './health/health.controller';
import { ORCHESTRATOR_OPTIONS, type OrchestratorOptions } from './orchestrator.options';
import { RunManagerShutdown } from './runs/run-manager.shutdown';
import { RunsController } from './runs/runs.controller';
import { ScenariosController } from './scenarios/scenarios.controller';
import { TicksGateway } from './stream/ticks.gateway';

/** `OrchestratorModule.forRoot(options)`: one RunManager over the database the options name. */
@Module({})
export class OrchestratorModule {
  static forRoot(options: OrchestratorOptions = {}): DynamicModule {
    return {
      module: OrchestratorModule,
      imports: [PersistenceModule.forRoot(options.database ?? {}), TerminusModule],
      controllers: [RunsController, ScenariosController, HealthController],
      providers: [
        { provide: ORCHESTRATOR_OPTIONS, useValue: options },
        {
          provide: RunManager,
          inject: [DATABASE],
          // Runs an earlier process left running or paused are recorded as failed before anything is served.
          useFactory: async (database: Database) => {
            const manager = new RunManager({ store: database, resolverFactory: options.resolverFactory, transport: options.transport, delivery: options.delivery });
            const orphans = await manager.recoverOrphans();
            for (const run of orphans) process.stderr.write(`silolab orchestrator: run ${run.id} (${run.scenarioName}) recorded as failed: ${run.error}\n`);
            return manager;
          },
        },
        RunManagerShutdown,
        TicksGateway,
        { provide: APP_FILTER, useClass: OrchestrationErrorFilter },
      ],
    };
  }
}
