// Run in a Nest process (runInNestProcess): what BullMqServer's inbox handler answers for each kind of handler result,
// without a Redis or a Nest application (the server is only constructed; nothing connects).
import type { Job } from 'bullmq';
import { of, throwError } from 'rxjs';
import { KeyRing, type Envelope, type InboxHandler } from '@silolab/protocol';
import { BullMqServer, type DirectHandler } from '@silolab/protocol/nest';

const TYPE = 'exchange.outcome.v1';

/** How a route answered: a value it resolved to, a rejection's message, or a synchronous throw (never expected). */
export type ReplyOutcome = { resolved: unknown } | { rejected: string } | { threw: string };

/** The inbox handler the server makes for `handler` (the route the inbox calls per message). */
function routeOf(handler: DirectHandler): InboxHandler {
  const server = new BullMqServer({ connection: { url: 'redis://127.0.0.1:1' }, run: 'run-1', identity: 'orchestrator', keyRing: KeyRing.fromSecret('a secret for the server replies test', 'run-1') });
  server.callDirectly(new Map([[TYPE, handler]]));
  const route = (server as unknown as { route(type: string): InboxHandler | null }).route(TYPE);
  if (!route) throw new Error('no route for a handler given to callDirectly');
  return route;
}

async function outcomeOf(handler: DirectHandler, envelope: Envelope, job: Job<string>): Promise<ReplyOutcome> {
  let reply: Promise<unknown>;
  try {
    reply = routeOf(handler)(envelope, job);
  } catch (error) {
    return { threw: (error as Error).message };
  }
  try {
    return { resolved: (await reply) ?? null };
  } catch (error) {
    return { rejected: (error as Error).message };
  }
}

export async function replies(): Promise<{ outcomes: Record<string, ReplyOutcome>; context: unknown[] }> {
  const envelope = { type: TYPE, id: 'exchange.outcome.v1:t0-a0-r0-d0' } as unknown as Envelope;
  const job = { id: 'job-1', attemptsMade: 0 } as unknown as Job<string>;
  const refused = () => new Error('refused');
  const handlers: Record<string, DirectHandler> = {
    value: () => ({ ok: 1 }),
    nothing: () => undefined,
    promise: async () => 'later',
    stream: () => of(1, 2, 3),
    promisedStream: async () => of('a', 'b'),
    emptyStream: () => of(),
    throws: () => {
      throw refused();
    },
    rejects: async () => {
      throw refused();
    },
    failingStream: () => throwError(refused),
  };
  const outcomes: Record<string, ReplyOutcome> = {};
  for (const [name, handler] of Object.entries(handlers)) outcomes[name] = await outcomeOf(handler, envelope, job);
  const context: unknown[] = [];
  await routeOf((given, ctx) => void context.push(given.id, ctx.getJob().id))(envelope, job);
  return { outcomes, context };
}
