// The exchange hub's Nest module: its controller and the endpoint (the hub's use cases wired to Redis) it calls.
import { Logger, Module } from '@nestjs/common';
import { HUB_IDENTITY, HubEndpoint, RedisHubHistory, SignedOutboxes, TickStore, type ProtocolParts, type RejectionSink } from '@silolab/exchange';
import { PROTOCOL_PARTS, REJECTIONS, SHARED_TRANSPORT, type ServiceTransportOptions } from '@silolab/exchange-service';
import { KeyRing, signValue } from '@silolab/protocol';
import { HubController } from './hub.controller';

/** The hub's endpoint: signs its replies as the hub and recovers a replaced hub's history from its own inbox. */
const hubEndpoint = {
  provide: HubEndpoint,
  inject: [TickStore, SignedOutboxes, REJECTIONS, KeyRing, SHARED_TRANSPORT, Logger, PROTOCOL_PARTS],
  useFactory: (store: TickStore, outboxes: SignedOutboxes, rejections: RejectionSink, keyRing: KeyRing, shared: ServiceTransportOptions, logger: Logger, parts: ProtocolParts) =>
    new HubEndpoint(HUB_IDENTITY, store, outboxes, rejections, (value) => signValue(value, keyRing.key(HUB_IDENTITY)), new RedisHubHistory(shared, (line) => logger.warn(line)), parts),
};

@Module({ controllers: [HubController], providers: [hubEndpoint] })
export class HubModule {}
