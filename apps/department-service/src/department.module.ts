// The department service's Nest module: its controller and the endpoint (use cases wired to Redis) it calls.
import { Module, type DynamicModule } from '@nestjs/common';
import { DepartmentEndpoint } from '@silolab/exchange';
import { DepartmentController } from './department.controller';

@Module({})
export class DepartmentModule {
  /** The module for the departments this process hosts (the endpoint is built in main.ts). */
  static forEndpoint(endpoint: DepartmentEndpoint): DynamicModule {
    return { module: DepartmentModule, controllers: [DepartmentController], providers: [{ provide: DepartmentEndpoint, useValue: endpoint }] };
  }
}
