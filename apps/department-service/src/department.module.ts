// The department service's Nest module: its controller and the endpoint (the owners' use cases wired to Redis) of
// the departments this process hosts.
import { Module, type DynamicModule } from '@nestjs/common';
import { DepartmentEndpoint, SignedOutboxes, TickStore, type ProtocolParts, type RejectionSink } from '@silolab/exchange';
import { PROTOCOL_PARTS, REJECTIONS } from '@silolab/exchange-service';
import { DepartmentController } from './department.controller';

@Module({})
export class DepartmentModule {
  /** The module of a process hosting the departments with these indices. */
  static forDepartments(hosted: readonly number[]): DynamicModule {
    return {
      module: DepartmentModule,
      controllers: [DepartmentController],
      providers: [
        {
          provide: DepartmentEndpoint,
          inject: [TickStore, SignedOutboxes, REJECTIONS, PROTOCOL_PARTS],
          useFactory: (store: TickStore, outboxes: SignedOutboxes, rejections: RejectionSink, parts: ProtocolParts) => new DepartmentEndpoint(new Set(hosted), store, outboxes, rejections, parts),
        },
      ],
    };
  }
}
