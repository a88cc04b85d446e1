// Options of the BullMQ transport (server and client), with their defaults, validated by one schema.
import type { ConnectionOptions } from 'bullmq';
import { z } from 'zod';
import { KeyRing } from '../auth/key-ring';
import { identitySchema, runSchema } from '../messages/identifiers';
import { DEFAULT_PREFIX } from './queue-names';
import type { TransportFaults } from './transport-faults';

/**
 * Redis connection: a `redis://` URL plus optional ioredis options. The transport opens its own
 * connections from it (BullMQ needs blocking ones), so it takes options, not a client instance.
 */
export interface TransportConnection {
  url?: string;
  host?: string;
  port?: number;
  [option: string]: unknown;
}

/** Plain (serialisable) transport settings; each default is documented beside it. */
export const transportSettingsSchema = z.strictObject({
  /** Run the messages belong to; part of every key. */
  run: runSchema,
  /** Who this end is: the server consumes this identity's queue, the client signs as it. */
  identity: identitySchema,
  /** First segment of every Redis key. Default `silolab`; tests use a unique one each. */
  prefix: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 letters, digits, "_" or "-"').default(DEFAULT_PREFIX),
  /** Jobs a server handles at once. Default 16. */
  concurrency: z.number().int().positive().default(16),
  /** Attempts per message (client side: written into each job). Default 3. */
  attempts: z.number().int().positive().default(3),
  /** First retry delay in ms; doubles each attempt (BullMQ exponential backoff). Default 200. */
  backoffMs: z.number().int().nonnegative().default(200),
  /**
   * How long a server's hold on a job lasts unless renewed (BullMQ's lock, renewed every half of it while the job is
   * in hand), in ms; also how often a server looks for jobs whose holder died and puts them back. A job held by a
   * killed process is taken up again within about twice this. Default 10000 (BullMQ's own is 30000: a killed
   * service then stalls its run for up to a minute).
   */
  lockMs: z.number().int().min(1000).max(600_000).default(10_000),
  /** How long a server remembers a processed message id, in seconds. Default 7 days. */
  processedTtlSeconds: z.number().int().positive().default(7 * 24 * 3600),
  /** Completed jobs are kept this many seconds, so a late `send` still reads its reply. Default 3600. */
  keepCompletedSeconds: z.number().int().nonnegative().default(3600),
  /** Failed jobs are kept this many seconds (their dead letters are kept until removed). Default 7 days. */
  keepFailedSeconds: z.number().int().nonnegative().default(7 * 24 * 3600),
  /** How long `send` waits for a reply before erroring, in ms. Default 30000. */
  replyTimeoutMs: z.number().int().positive().default(30_000),
});

/** Settings as given (defaults optional). */
export type TransportSettingsInput = z.input<typeof transportSettingsSchema>;
/** Settings with every default applied. */
export type TransportSettings = z.output<typeof transportSettingsSchema>;

/** Everything a BullMQ transport end needs. */
export interface BullMqTransportOptions extends TransportSettingsInput {
  connection: TransportConnection;
  keyRing: KeyRing;
  /** Faults to inject into the messages this end queues and takes (fault runs only). */
  faults?: TransportFaults;
}

/** Resolved options: validated settings plus connection and key ring. */
export interface ResolvedTransportOptions extends TransportSettings {
  connection: TransportConnection;
  keyRing: KeyRing;
  faults?: TransportFaults;
}

/** Validates and completes transport options; errors name the option and what was expected. */
export function resolveTransportOptions(options: BullMqTransportOptions): ResolvedTransportOptions {
  const { connection, keyRing, faults, ...settings } = options;
  const parsed = transportSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`BullMQ transport option ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  if (!connection || typeof connection !== 'object') throw new Error('BullMQ transport option connection: expected { url } or ioredis options');
  if (!(keyRing instanceof KeyRing)) throw new Error('BullMQ transport option keyRing: expected a KeyRing');
  if (keyRing.run !== parsed.data.run) {
    throw new Error(`BullMQ transport option keyRing: ring is for run ${JSON.stringify(keyRing.run)}, transport for ${JSON.stringify(parsed.data.run)}`);
  }
  return { ...parsed.data, connection, keyRing, faults };
}

/** The connection in the shape BullMQ accepts. */
export function bullConnection(connection: TransportConnection): ConnectionOptions {
  return connection as ConnectionOptions;
}
