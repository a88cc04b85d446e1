// Baseline for benchmarks: plain JSON jobs through H queue hops with bare BullMQ — no SiloLab code on the path.
import { randomUUID } from 'node:crypto';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { TransportConnection } from '@silolab/protocol';
import { dropKeys } from '@silolab/exchange';
import { HopRecorder, checkHopsOptions, chunkKeys, type HopsOptions, type HopsResult } from './hop-recorder';

/**
 * Moves `messages` plain JSON messages (`batch` per job) through `hops` BullMQ queues: queue i's
 * worker re-adds each job to queue i+1; the last worker records arrivals. All jobs are added at
 * once, as `nestTransportHops` does, and latency is measured by the same recorder.
 */
export async function rawBullMqHops(connection: TransportConnection, options: HopsOptions): Promise<HopsResult> {
  const { hops, messages, batch, timeoutMs } = checkHopsOptions(options);
  const prefix = options.prefix ?? `bench-raw-${randomUUID().slice(0, 8)}`;
  const bullConnection = connection as ConnectionOptions;
  const recorder = new HopRecorder(messages);
  const queues = Array.from({ length: hops }, (_unused, hop) => new Queue<{ keys: string[] }>(`hop${hop}`, { connection: bullConnection, prefix }));
  const workers = queues.map(
    (_queue, hop) =>
      new Worker<{ keys: string[] }>(
        `hop${hop}`,
        async (job) => {
          if (hop + 1 < hops) await queues[hop + 1].add('message', job.data, { removeOnComplete: true });
          else recorder.arrived(job.data.keys);
        },
        { connection: bullConnection, prefix, concurrency: 16 },
      ),
  );
  for (const queue of queues) queue.on('error', () => undefined);
  for (const worker of workers) worker.on('error', () => undefined);
  try {
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    recorder.start();
    await Promise.all(
      chunkKeys(messages, batch).map((keys) => {
        recorder.sent(keys);
        return queues[0].add('message', { keys }, { removeOnComplete: true });
      }),
    );
    return await recorder.result(timeoutMs);
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all(queues.map((queue) => queue.close()));
    if (!options.prefix) await dropKeys(connection, prefix);
  }
}
