// A department process's handlers, bound to the inbox of every department it hosts; `to` says which one acts.
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DepartmentEndpoint } from '@silolab/exchange';
import type { EnvelopeOf, MessageType } from '@silolab/protocol';

@Controller()
export class DepartmentController {
  constructor(@Inject(DepartmentEndpoint) private readonly department: DepartmentEndpoint) {}

  /** From the orchestrator: a request to send to the hub. From the hub: an allowed request to decide as owner. */
  @EventPattern<MessageType>('exchange.request.v1')
  request(@Payload() envelope: EnvelopeOf<'exchange.request.v1'>): Promise<void> {
    return this.department.receiveRequest(envelope.tick, envelope.to, envelope.from, envelope.body);
  }

  /** The same, a tick's requests in one job. */
  @EventPattern<MessageType>('tick.batch.v1')
  batch(@Payload() envelope: EnvelopeOf<'tick.batch.v1'>): Promise<void> {
    return this.department.receiveBatch(envelope.tick, envelope.to, envelope.from, envelope.body.items);
  }

  /** A step of a contract negotiation with another department (the `negotiated` protocol). */
  @EventPattern<MessageType>('contract.negotiation.v1')
  negotiation(@Payload() envelope: EnvelopeOf<'contract.negotiation.v1'>): Promise<void> {
    return this.department.receiveNegotiations(envelope.tick, envelope.to, envelope.from, [envelope.body]);
  }

  /** The same as columns: requests (or negotiation steps) of one tick in one job. */
  @EventPattern<MessageType>('tick.batch.v2')
  columns(@Payload() envelope: EnvelopeOf<'tick.batch.v2'>): Promise<void> {
    return this.department.receiveColumns(envelope.tick, envelope.to, envelope.from, envelope.body);
  }
}
