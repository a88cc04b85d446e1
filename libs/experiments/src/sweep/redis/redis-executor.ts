// Running a sweep's runs through BullMQ: the coordinator puts jobs on the shared runs queue and journals the
// results that sweep-workers (on any machine sharing the Redis) send back.
import { Queue, Worker, type Job } from 'bullmq';
import { runJobOf, runOutcomeSchema, type RunOutcome, type SweepPlan } from '@silolab/research';
import type { RunMeta } from '../run-journal';
import type { RunExecutor } from '../run-executor';
import { assertRedisReachable } from './redis-reachable';
import { connectionOf, resultsQueueName, RUNS_QUEUE, runJobId, type ResultMessage } from './sweep-queues';

const ADD_BATCH = 200;

/** Options of {@link RedisExecutor}. */
export interface RedisExecutorOptions {
  url: string;
  prefix: string;
  /** Attempts per run when a worker process dies (a deterministic failure is not retried). Default 3. */
  attempts?: number;
}

/** The coordinator's side of a distributed sweep. */
export class RedisExecutor implements RunExecutor {
  private runsQueue: Queue | null = null;
  private resultsWorker: Worker | null = null;
  private stopped = false;

  constructor(
    private readonly plan: SweepPlan,
    private readonly sweepId: string,
    private readonly options: RedisExecutorOptions,
  ) {}

  describe(): string {
    return `sweep-workers on ${this.options.url} (queue ${this.options.prefix}:${RUNS_QUEUE})`;
  }

  async execute(runs: number[], onOutcome: (outcome: RunOutcome, meta: RunMeta) => void): Promise<void> {
    await assertRedisReachable(this.options.url);
    const connection = connectionOf(this.options.url);
    const prefix = this.options.prefix;
    const wanted = new Set(runs);
    const runsQueue = (this.runsQueue = new Queue(RUNS_QUEUE, { connection, prefix }));
    runsQueue.on('error', () => undefined);
    await runsQueue.waitUntilReady();

    let settle!: { resolve: () => void; reject: (error: Error) => void };
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    if (wanted.size === 0) settle.resolve();

    // Results first, so none can arrive unseen; a result of an earlier session of this sweep is welcome too.
    const worker = (this.resultsWorker = new Worker(
      resultsQueueName(this.sweepId),
      async (job: Job<ResultMessage>) => {
        if (this.stopped) throw new Error('coordinator stopping');
        const message = job.data;
        if ('error' in message) {
          settle.reject(new Error(`run ${message.error.run} failed on a sweep-worker: ${message.error.message}`));
          return;
        }
        const outcome = runOutcomeSchema.parse(message.outcome);
        if (outcome.sweep !== this.sweepId) return;
        onOutcome(outcome, message.meta as RunMeta);
        wanted.delete(outcome.run);
        if (wanted.size === 0) settle.resolve();
      },
      { connection, prefix, concurrency: 1, removeOnComplete: { count: 0 }, removeOnFail: { count: 1000 } },
    ));
    worker.on('error', () => undefined);
    await worker.waitUntilReady();

    // A run job that failed for good in an earlier session would block its id: remove it so it can be added again.
    for (const job of await runsQueue.getFailed()) if (job.id?.startsWith(`${this.sweepId}.`)) await job.remove().catch(() => undefined);
    const attempts = this.options.attempts ?? 3;
    for (let i = 0; i < runs.length && !this.stopped; i += ADD_BATCH) {
      await runsQueue.addBulk(
        runs.slice(i, i + ADD_BATCH).map((run) => ({
          name: 'run',
          data: runJobOf(this.plan, this.sweepId, run),
          opts: { jobId: runJobId(this.sweepId, run), attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
        })),
      );
    }
    try {
      await done;
    } finally {
      await this.close();
    }
    // Every result is in: the results queue is empty and can go.
    if (!this.stopped) {
      const results = new Queue(resultsQueueName(this.sweepId), { connection, prefix });
      await results.obliterate({ force: true }).catch(() => undefined);
      await results.close();
    }
  }

  private async close(): Promise<void> {
    const { resultsWorker, runsQueue } = this;
    this.resultsWorker = null;
    this.runsQueue = null;
    await resultsWorker?.close(true);
    await runsQueue?.close();
  }

  /** Stops listening; jobs stay on the queue and results wait for `--resume`. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.close();
  }
}
