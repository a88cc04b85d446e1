// The exchange hub's Nest module: its controller and the endpoint (use cases wired to Redis) it calls.
import { Module, type DynamicModule } from '@nestjs/common';
import { HubEndpoint } from '@silolab/exchange';
import { HubController } from './hub.controller';

@Module({})
export class HubModule {
  /** The module for a run's endpoint (built in main.ts from the environment). */
  static forEndpoint(endpoint: HubEndpoint): DynamicModule {
    return { module: HubModule, controllers: [HubController], providers: [{ provide: HubEndpoint, useValue: endpoint }] };
  }
}
