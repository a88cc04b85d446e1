// Where the services leave their opmon entries for the orchestrator: one Redis list per run, appended in chunks.
import type Redis from 'ioredis';
import { chunkLength, opmonEntries, type OpmonChunk, type OpmonEntry, type OpmonRecorder } from './opmon-recorder';

/** How often a service appends what its recorder holds, in ms. */
export const OPMON_FLUSH_MS = 500;

/**
 * The run's opmon list, `${base}:opmon`: each service appends the messages its recorder holds, as columns, every
 * {@link OPMON_FLUSH_MS} and when it shuts down (one RPUSH per flush, nothing when there is nothing new); the
 * orchestrator reads the whole list once the services have stopped and merges it into entries. Messages of a service
 * killed mid-run since its last flush are lost.
 */
export class OpmonLog {
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    base: string,
  ) {
    this.key = `${base}:opmon`;
  }

  /** Appends what `recorder` holds, if anything. */
  async flush(recorder: OpmonRecorder): Promise<void> {
    const chunk = recorder.take();
    if (chunkLength(chunk) > 0 || chunk.dropped > 0) await this.redis.rpush(this.key, JSON.stringify(chunk));
  }

  /** Flushes `recorder` every OPMON_FLUSH_MS (the timer does not keep the process alive); returns how to stop and flush. */
  flushEvery(recorder: OpmonRecorder, onError: (error: Error) => void): () => Promise<void> {
    const timer = setInterval(() => void this.flush(recorder).catch(onError), OPMON_FLUSH_MS);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.flush(recorder);
    };
  }

  /** Every message appended so far, merged into entries, and the messages the services did not keep. */
  async read(): Promise<{ entries: OpmonEntry[]; dropped: number }> {
    return opmonEntries((await this.redis.lrange(this.key, 0, -1)).map((text) => JSON.parse(text) as OpmonChunk));
  }
}
