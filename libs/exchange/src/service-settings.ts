// Settings of the hub and department processes, from the environment (one zod schema, defaults documented).
import { z } from 'zod';
import { DEFAULT_PROTOCOL, loadProtocolModules, protocolNames } from './protocols/protocol-registry';
import { DEFAULT_OPMON_CAP } from './opmon/opmon-recorder';

/** Environment variables a service reads; the run secret itself is read by `KeyRing.fromEnv` (SILOLAB_RUN_SECRET). */
export const serviceSettingsSchema = z.object({
  /** Redis to use (`redis://host:port`). Required. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'expected a redis:// URL'),
  /** Transport run id: part of every queue and key of the run. Required. */
  SILOLAB_RUN: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'expected 1-128 letters, digits, "_", "-" or "."'),
  /** First segment of every Redis key. Default `silolab`. */
  SILOLAB_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 letters, digits, "_" or "-"').default('silolab'),
  /** Jobs each inbox handles at once. Default 16. */
  SILOLAB_CONCURRENCY: z.coerce.number().int().positive().default(16),
  /** How long an inbox's hold on a job lasts unless renewed, in ms: a job held by a killed service is taken up again within about twice this. Default 10000. */
  SILOLAB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  /** Protocol modules to load before SILOLAB_PROTOCOL is looked up (absolute paths, `:`-separated). Set by the redis transport. */
  SILOLAB_PROTOCOL_MODULES: z.string().optional(),
  /** The exchange protocol of the run (a registered name: `hub`, `direct`, `negotiated`, or a loaded module's). Default `hub`. */
  SILOLAB_PROTOCOL: z
    .string()
    .default(DEFAULT_PROTOCOL)
    .refine((name) => protocolNames().includes(name), { message: `expected a registered protocol (${protocolNames().join(', ')})` }),
  /** Messages the process records for opmon over a run; messages past it are counted only. Default 40000. */
  SILOLAB_OPMON_CAP: z.coerce.number().int().min(0).default(DEFAULT_OPMON_CAP),
  /** Department service: which departments it hosts (`0-5,9`), unless `--departments` is given. */
  SILOLAB_DEPARTMENTS: z.string().optional(),
  /** Serve Prometheus metrics on this port (0: a free one, printed); unset: none. */
  SILOLAB_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address the metrics listen on. Default loopback; any other needs SILOLAB_METRICS_TOKEN. */
  SILOLAB_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** The run's message faults and the seed they are keyed by (JSON, `FaultsEnv`); unset: none. Set by the redis transport. */
  SILOLAB_FAULTS: z.string().optional(),
  /** Bearer token a scrape must present (required off loopback). */
  SILOLAB_METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
});

/** Validated service settings. */
export type ServiceSettings = z.output<typeof serviceSettingsSchema>;

/** Reads the settings; throws naming the variable and what was expected. */
export function readServiceSettings(env: NodeJS.ProcessEnv = process.env): ServiceSettings {
  loadProtocolModules(env.SILOLAB_PROTOCOL_MODULES);
  const parsed = serviceSettingsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The value of `--flag <value>` or `--flag=value` in `argv`, or undefined. */
export function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === flag) return argv[k + 1];
    if (argv[k].startsWith(`${flag}=`)) return argv[k].slice(flag.length + 1);
  }
  return undefined;
}
