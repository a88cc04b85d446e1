// Direct dispatch: the controller handlers the BullMQ transport calls without Nest's per-message pipeline (which ones,
// by directHandlers' rules), and that they behave as through Nest — replies, processed marks, retries — on a real Redis.
import path from 'node:path';
import { runInNestProcess } from '../support/nest-process';
import type { ProbeCall } from './support/probe-service';
import { runNestScenario } from './support/run-nest-scenario';

describe('directHandlers', () => {
  let seen: Record<'plain' | 'withIntercepted' | 'perRequest' | 'shared' | 'globalInterceptor' | 'appGuard', string[]> & { replies: unknown[]; seen: string[] };

  beforeAll(async () => {
    seen = await runInNestProcess(path.join(__dirname, 'support', 'direct-handler-rules.ts'), 'rules');
  });

  it('takes the handlers with nothing for Nest’s pipeline to run, registered for this transport or for any', () => {
    // Left to Nest: a guarded handler (exchange.outcome.v1), one taking a property of the payload (tick.close.v1), one
    // of another transport (tick.chunk.v1).
    expect(seen.plain).toEqual(['exchange.request.v1', 'tick.batch.v1', 'tick.open.v1']);
  });

  it('calls the method on its controller with the payload and the context, and returns what it returns', () => {
    expect(seen.replies).toEqual(['open 4 with tick.open.v1:4', 'request tick.open.v1:4']);
    expect(seen.seen).toEqual(['tick.open.v1:4']);
  });

  it('leaves to Nest the handlers of a class with an interceptor, of a request-scoped controller, and a pattern two handlers share', () => {
    expect(seen.withIntercepted).toEqual(seen.plain);
    expect(seen.perRequest).toEqual([]);
    expect(seen.shared).toEqual(['tick.batch.v1', 'tick.open.v1']);
  });

  it('takes none when the application has a global interceptor or an APP_GUARD', () => {
    expect(seen.globalInterceptor).toEqual([]);
    expect(seen.appGuard).toEqual([]);
  });
});

describe('BullMQ transport calling handlers directly', () => {
  it('answers, answers a repeated send from the processed mark, handles events and retries as through Nest, without Nest’s pipeline on the stack', async () => {
    const seen = await runNestScenario<{ reply: unknown; again: unknown; nestReply: unknown; calls: ProbeCall[]; effects: string[]; throughNest: { direct: boolean[]; viaNest: boolean[] } }>('directDispatch');
    expect(seen.reply).toEqual({ requestId: 'd1', decision: 'share', reason: null });
    expect(seen.again).toEqual(seen.reply);
    expect(seen.nestReply).toEqual({ requestId: 'd2', decision: 'share', reason: null });
    // Each message failed its first attempt and was handled on the second; the repeated send called nothing.
    expect(seen.calls.map(({ id, attemptsMade }) => `${id} #${attemptsMade}`)).toEqual(['exchange.request.v1:d1 #0', 'exchange.request.v1:d1 #1', 'exchange.outcome.v1:d3 #0', 'exchange.outcome.v1:d3 #1']);
    expect(seen.effects).toEqual(['exchange.request.v1:d1', 'exchange.outcome.v1:d3']);
    expect(seen.throughNest.direct).toEqual([false, false, false, false]);
    expect(seen.throughNest.viaNest).toEqual([true, true]);
  });
});
