// The BullMQ transport under real Nest microservices and a real Redis (scenarios: support/nest-scenarios.ts).
import { startLocalRedis } from '@silolab/exchange';
import type { DeadLetter } from '@silolab/protocol';
import type { ProbeCall } from './support/probe-service';
import { redisUrl, runNestScenario, uniquePrefix } from './support/run-nest-scenario';
import { runInNestProcess } from '../support/nest-process';
import path from 'node:path';

interface JobOutcome {
  state: string;
  failedReason?: string;
}

describe('BullMQ transport in a Nest microservice', () => {
  it("answers a client's send from a @MessagePattern handler, and answers a repeated send without calling it again", async () => {
    const seen = await runNestScenario<{ reply: unknown; again: unknown; invalidError: string | null; calls: ProbeCall[] }>('answersSend');
    expect(seen.reply).toEqual({ requestId: 'r1', decision: 'share', reason: null });
    expect(seen.again).toEqual(seen.reply);
    expect(seen.calls).toEqual([{ type: 'exchange.request.v1', id: 'exchange.request.v1:r1', from: 'dept-a', attemptsMade: 0 }]);
    // A body that breaks the contract is refused by the client, before anything is queued.
    expect(seen.invalidError).toMatch(/^exchange\.request\.v1: body\.ordinal: /);
  });

  it('closes an inbox whose Redis lost the job it held (a restart without persistence) without leaving anything that keeps the process alive', async () => {
    // The scenario's process must end by itself (no process.exit): before, BullMQ's lock-renewal timer kept it alive.
    const seen = await runInNestProcess<{ closed: boolean }>(path.join(__dirname, 'support', 'nest-scenarios.ts'), 'lostRedisClose', { redisUrl: redisUrl(), prefix: uniquePrefix('lost') }, { env: { NEST_HARNESS_NATURAL_EXIT: '1' }, timeoutMs: 45_000 });
    expect(seen.closed).toBe(true);
  }, 60_000);

  it('runs the processing hooks set on the server (tracing) around each handler', async () => {
    const seen = await runNestScenario<{ reply: unknown; order: string[] }>('processingHooks');
    expect(seen.reply).toEqual({ requestId: 'r3', decision: 'share', reason: null });
    expect(seen.order).toEqual(['start bullmq exchange.request.v1', 'end after 1 call(s)']);
  });

  it('delivers an emitted event once even when the same job is added twice, under its own id or another', async () => {
    const seen = await runNestScenario<{
      emittedJobId: string;
      first: JobOutcome;
      sameJobIdAgain: string;
      redelivered: JobOutcome;
      calls: ProbeCall[];
      effects: string[];
    }>('eventOnce');
    expect(seen.first.state).toBe('completed');
    expect(seen.sameJobIdAgain).toBe(seen.emittedJobId);
    expect(seen.redelivered.state).toBe('completed');
    expect(seen.calls).toHaveLength(1);
    expect(seen.effects).toEqual(['exchange.outcome.v1:r7']);
  });

  it('stores the processed mark of every message before its job completes', async () => {
    // MONITOR sees every client of its server: on the Redis shared with the suites running beside this one, ioredis
    // can take a monitored line for the MONITOR command's own reply ("Command queue state error", redis/ioredis#1981).
    // A Redis of its own sees only this test's commands.
    const redis = await startLocalRedis();
    let seen: { completed: number; marked: number; markedLate: string[] };
    try {
      seen = await runNestScenario('marksBeforeCompletion', { count: 300, redisUrl: redis.url });
    } finally {
      await redis.stop();
    }
    expect(seen.completed).toBe(300);
    expect(seen.marked).toBe(300);
    expect(seen.markedLate).toEqual([]);
  });

  it("dead-letters a message signed with department A's key but claiming to be from B as bad_signature, without calling the handler", async () => {
    const seen = await runNestScenario<{ forged: JobOutcome; deadLetters: DeadLetter[]; counts: Record<string, number>; calls: ProbeCall[]; genuine: unknown }>(
      'forgedSender',
    );
    expect(seen.deadLetters).toEqual([expect.objectContaining({ reason: 'bad_signature', path: 'sig', detail: expect.stringContaining('"dept-b"') })]);
    expect(JSON.parse(seen.deadLetters[0].raw as string)).toMatchObject({ from: 'dept-b', id: 'exchange.request.v1:r-forged' });
    expect(seen.counts).toEqual({ bad_signature: 1 });
    expect(seen.forged).toEqual({ state: 'failed', failedReason: expect.stringContaining('bad_signature') });
    // The handler only ever saw the genuine message that followed: nothing crashed.
    expect(seen.calls.map((call) => call.id)).toEqual(['exchange.request.v1:r-genuine']);
    expect(seen.genuine).toMatchObject({ requestId: 'r-genuine', decision: 'share' });
  });

  it('dead-letters bad JSON, a request missing body.requestId and a misrouted message with the reason naming the path, without calling the handler', async () => {
    const seen = await runNestScenario<{ states: string[]; deadLetters: DeadLetter[]; counts: Record<string, number>; calls: ProbeCall[]; valid: unknown }>(
      'malformed',
    );
    // The three jobs are handled concurrently, so their dead letters may be in any order.
    const letter = (reason: string) => seen.deadLetters.find((candidate) => candidate.reason === reason);
    const [badJson, missing, misrouted] = [letter('bad_json'), letter('invalid_message'), letter('misrouted')];
    expect(badJson).toMatchObject({ reason: 'bad_json', path: null, raw: '{"type": "exchange.request.v1", "run": ', detail: expect.stringMatching(/^not JSON/) });
    expect(missing).toMatchObject({ reason: 'invalid_message', path: 'body.requestId', detail: expect.stringMatching(/^body\.requestId: .*expected string/) });
    expect(misrouted).toMatchObject({ reason: 'misrouted', path: 'to', detail: expect.stringContaining('"dept-c"') });
    expect(seen.counts).toEqual({ bad_json: 1, invalid_message: 1, misrouted: 1 });
    expect(seen.states).toEqual(['failed', 'failed', 'failed']);
    expect(seen.calls.map((call) => call.id)).toEqual(['exchange.request.v1:r-valid']);
    expect(seen.valid).toMatchObject({ requestId: 'r-valid' });
  });

  it('takes up a job whose holder died once its lock (lockMs) lapses, and handles it once', async () => {
    const seen = await runNestScenario<{ takenJobId: string | null; final: JobOutcome; stalledCounter: number | null; calls: ProbeCall[]; effects: string[]; takenUpMs: number }>(
      'deadHolder',
      { lockMs: 1000 },
    );
    expect(seen.takenJobId).not.toBeNull();
    expect(seen.final.state).toBe('completed');
    // Put back by the stalled check (not failed, not retried as an error), then handled once.
    expect(seen.stalledCounter).toBe(1);
    expect(seen.calls).toEqual([{ type: 'exchange.decision.v1', id: 'exchange.decision.v1:r1', from: 'dept-a', attemptsMade: 0 }]);
    expect(seen.effects).toEqual(['exchange.decision.v1:r1']);
  });

  it('retries a handler that throws once, and then it succeeds', async () => {
    const seen = await runNestScenario<{ final: JobOutcome; calls: ProbeCall[]; effects: string[]; deadLetters: DeadLetter[] }>('retriedOnce');
    expect(seen.final.state).toBe('completed');
    expect(seen.calls.map((call) => call.attemptsMade)).toEqual([0, 1]);
    expect(seen.effects).toEqual(['exchange.decision.v1:r1']);
    expect(seen.deadLetters).toEqual([]);
  });

  it('dead-letters a message whose handler fails every attempt as handler_failed, and fails the sender of a send', async () => {
    const seen = await runNestScenario<{ event: JobOutcome; sendError: string | null; calls: ProbeCall[]; deadLetters: DeadLetter[]; counts: Record<string, number> }>(
      'alwaysFailing',
    );
    expect(seen.event.state).toBe('failed');
    expect(seen.sendError).toEqual(expect.any(String));
    expect(seen.calls.map((call) => [call.type, call.attemptsMade])).toEqual([
      ['exchange.decision.v1', 0],
      ['exchange.decision.v1', 1],
      ['exchange.request.v1', 0],
      ['exchange.request.v1', 1],
    ]);
    expect(seen.deadLetters.map((letter) => [letter.reason, letter.attemptsMade])).toEqual([
      ['handler_failed', 2],
      ['handler_failed', 2],
    ]);
    expect(seen.counts).toEqual({ handler_failed: 2 });
  });
});
