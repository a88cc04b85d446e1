// Looking at and writing to a run's queues directly, as another party with Redis access would.
import { Queue, type Job } from 'bullmq';
import { deadLetterQueueName, inboxQueueName, runPrefix, type DeadLetter } from '@silolab/protocol';

/** Where a run's queues live. */
export interface RunAddress {
  redisUrl: string;
  prefix: string;
  run: string;
}

function queue(address: RunAddress, name: string): Queue {
  const opened = new Queue(name, { connection: { url: address.redisUrl }, prefix: runPrefix(address.prefix, address.run) });
  opened.on('error', () => undefined);
  return opened;
}

/** Adds `data` to `identity`'s inbox as a raw job (no SiloLab code involved); returns the job id. */
export async function addRawJob(address: RunAddress, identity: string, data: unknown, jobId?: string): Promise<string> {
  const inbox = queue(address, inboxQueueName(identity));
  try {
    const job = await inbox.add('raw', data, jobId ? { jobId } : {});
    return String(job.id);
  } finally {
    await inbox.close();
  }
}

/** State of job `jobId` in `identity`'s inbox ('completed', 'failed', 'waiting', ...; 'unknown' when gone). */
export async function jobState(address: RunAddress, identity: string, jobId: string): Promise<{ state: string; failedReason?: string }> {
  const inbox = queue(address, inboxQueueName(identity));
  try {
    // State first: a job read before it finished would carry no failedReason.
    const state = await inbox.getJobState(jobId);
    const job: Job | undefined = await inbox.getJob(jobId);
    if (!job) return { state: 'unknown' };
    return { state, failedReason: job.failedReason };
  } finally {
    await inbox.close();
  }
}

/** Every dead letter in `identity`'s dead-letter queue, oldest first. */
export async function deadLetters(address: RunAddress, identity: string): Promise<DeadLetter[]> {
  const dlq = queue(address, deadLetterQueueName(identity));
  try {
    const jobs = await dlq.getJobs(['waiting'], 0, -1, true);
    return jobs.map((job) => job.data as DeadLetter);
  } finally {
    await dlq.close();
  }
}

/** Polls `condition` every 20 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True when `identity`'s inbox has nothing waiting, active or delayed. */
export async function inboxIdle(address: RunAddress, identity: string): Promise<boolean> {
  const inbox = queue(address, inboxQueueName(identity));
  try {
    const counts = await inbox.getJobCounts('wait', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((count) => count === 0);
  } finally {
    await inbox.close();
  }
}
