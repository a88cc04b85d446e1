// The RPC context a SiloLab handler can ask for with @Ctx(): the BullMQ job and the verified envelope.
import { BaseRpcContext } from '@nestjs/microservices';
import type { Job } from 'bullmq';
import type { Envelope } from '../messages/envelope';

/** Context of a message delivered by the BullMQ transport. */
export class BullMqContext extends BaseRpcContext<[Job<string>, Envelope]> {
  /** The BullMQ job that carried the message (attemptsMade, id, timestamps). */
  getJob(): Job<string> {
    return this.args[0];
  }

  /** The decoded, authenticated envelope (also the handler's payload). */
  getEnvelope(): Envelope {
    return this.args[1];
  }
}
