// What the BullMQ transport answers for a handler's result — the value of a plain value or promise, the last value of
// a stream (also one a promise resolves to), a rejection (never a throw) when the handler fails — run in a Nest process.
import path from 'node:path';
import { runInNestProcess } from '../support/nest-process';
import type { ReplyOutcome } from './support/server-replies';

describe('BullMqServer replies', () => {
  let seen: { outcomes: Record<string, ReplyOutcome>; context: unknown[] };
  beforeAll(async () => {
    seen = await runInNestProcess(path.join(__dirname, 'support', 'server-replies.ts'), 'replies');
  });

  it('answers a value, a promise, and the last value of a stream or of a promised stream', () => {
    expect(seen.outcomes.value).toEqual({ resolved: { ok: 1 } });
    expect(seen.outcomes.nothing).toEqual({ resolved: null });
    expect(seen.outcomes.promise).toEqual({ resolved: 'later' });
    expect(seen.outcomes.stream).toEqual({ resolved: 3 });
    expect(seen.outcomes.promisedStream).toEqual({ resolved: 'b' });
    expect(seen.outcomes.emptyStream).toEqual({ resolved: null });
  });

  it('rejects, never throws, when the handler throws, rejects or its stream fails', () => {
    expect(seen.outcomes.throws).toEqual({ rejected: 'refused' });
    expect(seen.outcomes.rejects).toEqual({ rejected: 'refused' });
    expect(seen.outcomes.failingStream).toEqual({ rejected: 'refused' });
  });

  it('calls the handler with the envelope and a context holding the job', () => {
    expect(seen.context).toEqual(['exchange.outcome.v1:t0-a0-r0-d0', 'job-1']);
  });
});
