// The hub's message handlers: thin — the envelope is decoded and verified by the transport; the HubEndpoint decides.
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { HubEndpoint, type SignedTickClosing } from '@silolab/exchange';
import type { EnvelopeOf, MessageType } from '@silolab/protocol';

@Controller()
export class HubController {
  constructor(@Inject(HubEndpoint) private readonly hub: HubEndpoint) {}

  /** A requester department's request: permission check, then to the owner or a denial outcome. */
  @EventPattern<MessageType>('exchange.request.v1')
  request(@Payload() envelope: EnvelopeOf<'exchange.request.v1'>): Promise<void> {
    return this.hub.receiveRequest(envelope.tick, envelope.from, envelope.body);
  }

  /** An owner's decision: transfer on a share, then the outcome to the orchestrator. */
  @EventPattern<MessageType>('exchange.decision.v1')
  decision(@Payload() envelope: EnvelopeOf<'exchange.decision.v1'>): Promise<void> {
    return this.hub.receiveDecision(envelope.tick, envelope.from, envelope.body);
  }

  /** A tick's requests or decisions from one department, in one job. */
  @EventPattern<MessageType>('tick.batch.v1')
  batch(@Payload() envelope: EnvelopeOf<'tick.batch.v1'>): Promise<void> {
    return this.hub.receiveBatch(envelope.tick, envelope.from, envelope.body.items);
  }

  /** A tick's requests or decisions from one department, as columns. */
  @EventPattern<MessageType>('tick.batch.v2')
  columns(@Payload() envelope: EnvelopeOf<'tick.batch.v2'>): Promise<void> {
    return this.hub.receiveColumns(envelope.tick, envelope.from, envelope.body);
  }

  /** The orchestrator announces a chunk of a tick's requests, sent in batches: the hub answers it as a whole. */
  @EventPattern<MessageType>('tick.chunk.v1')
  chunk(@Payload() envelope: EnvelopeOf<'tick.chunk.v1'>): Promise<void> {
    return this.hub.announceChunk(envelope.tick, envelope.from, envelope.body.first, envelope.body.count);
  }

  @MessagePattern<MessageType>('tick.open.v1')
  open(@Payload() envelope: EnvelopeOf<'tick.open.v1'>): Promise<{ tick: number; open: boolean }> {
    return this.hub.openTick(envelope.body.tick, envelope.from);
  }

  /** Chains the tick's records in canonical order; the signed reply carries the ledger head and the tick's timings. */
  @MessagePattern<MessageType>('tick.close.v1')
  close(@Payload() envelope: EnvelopeOf<'tick.close.v1'>): Promise<SignedTickClosing> {
    return this.hub.closeTick(envelope.body.tick, envelope.from, envelope.body.expected);
  }
}
