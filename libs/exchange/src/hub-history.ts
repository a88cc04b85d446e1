// A restarted hub's history in Redis: what its inbox holds of the messages it took before.
import { Queue } from 'bullmq';
import { bullConnection, connectionErrors, decodeEnvelope, inboxQueueName, runPrefix, verifySender, verifyValueBy, type KeyRing, type TransportConnection } from '@silolab/protocol';
import type { HandedMessage, HubHistory } from './exchange-endpoints';
import type { TickClosing } from './hub-desk';
import { HUB_IDENTITY } from './identities';

/** Wire types whose messages a recovering hub takes again: exchange messages and chunk announcements. */
const REPLAYED_TYPES = new Set(['exchange.request.v1', 'exchange.decision.v1', 'tick.batch.v1', 'tick.batch.v2', 'tick.chunk.v1']);

/**
 * Reads the hub's history from its own inbox: BullMQ keeps completed jobs (`keepCompletedSeconds`, 600 s for the
 * services) and the jobs a dead hub was handling (active until their lock lapses). Every job is decoded and
 * authenticated as the inbox does; a completed `tick.close.v1`'s return value is the hub's signed closing, taken
 * only if it verifies under the hub's key. A tick open for longer than the retention cannot be recovered: its close
 * then fails, as it did before recovery existed.
 */
export class RedisHubHistory implements HubHistory {
  constructor(
    private readonly options: { connection: TransportConnection; prefix: string; run: string; keyRing: KeyRing },
    private readonly warn: (line: string) => void,
  ) {}

  async read(): Promise<{ closings: TickClosing[]; messages: HandedMessage[] }> {
    const { connection, prefix, run, keyRing } = this.options;
    const queue = new Queue<string>(inboxQueueName(HUB_IDENTITY), { connection: bullConnection(connection), prefix: runPrefix(prefix, run) });
    queue.on('error', (error) => connectionErrors.report('hub history', error.message, this.warn));
    const closings: TickClosing[] = [];
    const messages: HandedMessage[] = [];
    let completed = 0;
    try {
      for (const job of await queue.getJobs(['completed', 'active'])) {
        const decoded = decodeEnvelope(job.data);
        if (!decoded.ok || !verifySender(decoded.envelope, keyRing, job.data) || decoded.envelope.to !== HUB_IDENTITY) continue;
        const envelope = decoded.envelope;
        if (envelope.type === 'tick.close.v1') {
          if (job.returnvalue && verifyValueBy(job.returnvalue, keyRing, HUB_IDENTITY)) closings.push(job.returnvalue as TickClosing);
        } else if (REPLAYED_TYPES.has(envelope.type)) {
          if (job.finishedOn) completed++;
          messages.push({ to: envelope.to, from: envelope.from, tick: envelope.tick, type: envelope.type, body: envelope.body } as HandedMessage);
        }
      }
    } finally {
      await queue.close();
    }
    // At a run's start the inbox holds only the messages being handed to this hub now; a restart finds finished ones.
    if (completed > 0 || closings.length > 0) this.warn(`hub recovering: ${closings.length} closed tick(s), ${messages.length} message(s) taken before or in hand`);
    return { closings, messages };
  }
}
