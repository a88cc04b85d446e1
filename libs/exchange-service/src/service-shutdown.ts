// Closing what a service process opened, in order, when Nest shuts the application down (SIGTERM, SIGINT).
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { OpmonLog, OpmonRecorder, SignedOutboxes } from '@silolab/exchange';
import type Redis from 'ioredis';
import { SERVICE_REDIS } from './service.tokens';

/** After the inboxes have stopped (Nest closes the microservices first): the outboxes, the last opmon entries, then the Redis client. */
@Injectable()
export class ServiceShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(SignedOutboxes) private readonly outboxes: SignedOutboxes,
    @Inject(SERVICE_REDIS) private readonly redis: Redis,
    @Inject(OpmonRecorder) private readonly opmon: OpmonRecorder,
    @Inject(OpmonLog) private readonly opmonLog: OpmonLog,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.outboxes.close();
    await this.opmonLog.flush(this.opmon).catch(() => undefined);
    this.redis.disconnect();
  }
}
