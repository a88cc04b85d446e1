// Output written all or nothing: files go to a staging folder and are moved into place only when complete.
import { mkdirSync, renameSync, rmSync, existsSync, createWriteStream, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A folder being written. `commit` moves every file into the target folder; `abort` leaves the target untouched. */
export class StagedDirectory {
  readonly target: string;
  readonly staging: string;
  private readonly streams: WriteStream[] = [];

  constructor(target: string, tag: string) {
    this.target = resolve(target);
    this.staging = join(dirname(this.target), `.${basename(this.target)}.partial-${tag}`);
    rmSync(this.staging, { recursive: true, force: true });
    mkdirSync(this.staging, { recursive: true });
  }

  /** A write stream for a file in the staging folder. */
  stream(name: string): WriteStream {
    const stream = createWriteStream(join(this.staging, name));
    this.streams.push(stream);
    return stream;
  }

  /** Ends all streams and moves the files into the target folder (replacing files of the same name). */
  async commit(): Promise<void> {
    await Promise.all(this.streams.map((stream) => new Promise<void>((done, fail) => (stream.writableFinished ? done() : stream.once('error', fail).end(done)))));
    mkdirSync(this.target, { recursive: true });
    for (const stream of this.streams) {
      const name = basename(String(stream.path));
      renameSync(String(stream.path), join(this.target, name));
    }
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** Discards the staging folder. */
  abort(): void {
    for (const stream of this.streams) stream.destroy();
    if (existsSync(this.staging)) rmSync(this.staging, { recursive: true, force: true });
  }
}

/** Writes to a stream, waiting when its buffer is full (so a long run never holds its output in memory). */
export function writeWithBackpressure(stream: WriteStream, text: string): Promise<void> | void {
  if (!stream.write(text)) return new Promise((done) => stream.once('drain', done));
}
