// `silolab sweep-worker`: takes sweep runs from the shared BullMQ queue, runs them in local child processes and
// sends each result to its sweep's results queue. Start as many as you like, on as many machines as share the Redis.
import { hostname } from 'node:os';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { runJobSchema } from '@silolab/research';
import { LocalPool, RunFailedError } from '../local/local-pool';
import { assertRedisReachable } from './redis-reachable';
import { connectionOf, resultsQueueName, RUNS_QUEUE, runJobId, type ResultMessage } from './sweep-queues';

/** Options of {@link startSweepWorker}. */
export interface SweepWorkerOptions {
  url: string;
  prefix: string;
  /** Child processes, i.e. runs at once. Default 1. */
  processes: number;
  /** Called after each run (for a log line). */
  onRun?: (run: { sweep: string; run: number; wallTimeMs: number }) => void;
  onError?: (message: string) => void;
}

/** A running sweep-worker; `close` stops taking jobs and abandons runs in progress (BullMQ redelivers them). */
export interface SweepWorkerHandle {
  close(): Promise<void>;
}

/** Starts consuming the runs queue. */
export async function startSweepWorker(options: SweepWorkerOptions): Promise<SweepWorkerHandle> {
  await assertRedisReachable(options.url);
  const connection = connectionOf(options.url);
  const pool = new LocalPool(options.processes);
  const resultQueues = new Map<string, Queue<ResultMessage>>();
  const resultsOf = (sweep: string) => {
    let queue = resultQueues.get(sweep);
    if (!queue) {
      queue = new Queue<ResultMessage>(resultsQueueName(sweep), { connection, prefix: options.prefix });
      queue.on('error', (error) => options.onError?.(`results queue ${sweep}: ${error.message}`));
      resultQueues.set(sweep, queue);
    }
    return queue;
  };
  const post = (sweep: string, run: number, message: ResultMessage) =>
    resultsOf(sweep).add('result', message, { jobId: runJobId(sweep, run), removeOnComplete: true, removeOnFail: { count: 1000 } });

  const worker = new Worker(
    RUNS_QUEUE,
    async (job: Job) => {
      const parsed = runJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`not a silolab.sweep.run.v1 job: ${parsed.error.issues[0]?.message}`);
      const runJob = parsed.data;
      try {
        const { outcome, meta } = await pool.run(runJob);
        await post(runJob.sweep, runJob.run, { outcome, meta: { ...meta, worker: `${hostname()}:${meta.worker.split(':').pop()}` } });
        options.onRun?.({ sweep: runJob.sweep, run: runJob.run, wallTimeMs: meta.wallTimeMs });
      } catch (error) {
        // A run that fails by itself will fail again anywhere: report it to the coordinator instead of retrying.
        if (error instanceof RunFailedError) {
          await post(runJob.sweep, runJob.run, { error: { run: runJob.run, message: error.message } });
          return;
        }
        throw error;
      }
    },
    { connection, prefix: options.prefix, concurrency: options.processes, autorun: true },
  );
  worker.on('error', (error) => options.onError?.(`worker: ${error.message}`));
  await worker.waitUntilReady();
  return {
    async close() {
      pool.close();
      await worker.close(true);
      await Promise.all([...resultQueues.values()].map((queue) => queue.close()));
    },
  };
}

