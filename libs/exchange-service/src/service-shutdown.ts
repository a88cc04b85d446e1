// Closing what a service process opened, in order, when Nest shuts the application down (SIGTERM, SIGINT).
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { SignedOutboxes } from '@silolab/exchange';
import type Redis from 'ioredis';
import { SERVICE_REDIS } from './service.tokens';

/** After the inboxes have stopped (Nest closes the microservices first): the outboxes, then the Redis client. */
@Injectable()
export class ServiceShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(SignedOutboxes) private readonly outboxes: SignedOutboxes,
    @Inject(SERVICE_REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.outboxes.close();
    this.redis.disconnect();
  }
}
