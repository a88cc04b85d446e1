// What one orchestrator lets its runs take: runs at once, and per run memory, requests per tick and stored ledger.
// Set by the operator (`silolab serve --max-…` flags or SILOLAB_MAX_… variables); one zod schema with the defaults.
import { MAX_REQUESTS_PER_TICK, type RunLimits } from '@silolab/engine';
import { z } from 'zod';

/** Every limit, with its flag, its variable and its default. */
export const SERVER_LIMIT_SETTINGS = {
  maxRuns: { flag: '--max-runs', variable: 'SILOLAB_MAX_RUNS', default: 4, min: 1, max: 1000, what: 'live runs (running or paused) at once' },
  runMemoryMb: { flag: '--max-run-memory', variable: 'SILOLAB_MAX_RUN_MEMORY_MB', default: 1024, min: 16, max: 2 ** 30, what: 'MiB of memory one run may plan to use' },
  requestsPerTick: { flag: '--max-requests-per-tick', variable: 'SILOLAB_MAX_REQUESTS_PER_TICK', default: 2_000_000, min: 1, max: MAX_REQUESTS_PER_TICK, what: 'exchange requests in one tick of a run' },
  storedLedgerRecords: { flag: '--max-stored-ledger', variable: 'SILOLAB_MAX_STORED_LEDGER', default: 1_000_000, min: 0, max: Number.MAX_SAFE_INTEGER, what: 'ledger records one run may store (storeLedger)' },
} as const;

export type ServerLimitName = keyof typeof SERVER_LIMIT_SETTINGS;
/** The limits as numbers (flags and variables resolved). */
export type ServerLimitValues = Record<ServerLimitName, number>;

/** A limit set to something it cannot be (the message names the flag and the variable). */
export class ServerLimitError extends Error {}

/** The limits of a server: runs at once, and what each run must fit. */
export interface ServerLimits {
  maxRuns: number;
  run: RunLimits;
}

const valueSchema = (name: ServerLimitName) => {
  const setting = SERVER_LIMIT_SETTINGS[name];
  return z.coerce
    .number({ error: `${setting.flag} / ${setting.variable}: expected a whole number` })
    .int(`${setting.flag} / ${setting.variable}: expected a whole number`)
    .min(setting.min, `${setting.flag} / ${setting.variable}: at least ${setting.min}`)
    .max(setting.max, `${setting.flag} / ${setting.variable}: at most ${setting.max}`);
};

/**
 * Resolves the limits: a value given (a flag) wins over the variable, which wins over the default. Throws a
 * {@link ServerLimitError} naming the flag and variable of the first bad value.
 */
export function resolveServerLimits(given: Partial<Record<ServerLimitName, number | string>> = {}, env: NodeJS.ProcessEnv = process.env): ServerLimits {
  const values = {} as ServerLimitValues;
  for (const name of Object.keys(SERVER_LIMIT_SETTINGS) as ServerLimitName[]) {
    const setting = SERVER_LIMIT_SETTINGS[name];
    const raw = given[name] ?? (env[setting.variable] || undefined) ?? setting.default;
    const parsed = valueSchema(name).safeParse(raw);
    if (!parsed.success) throw new ServerLimitError(`${parsed.error.issues[0].message}, got ${JSON.stringify(raw)}`);
    values[name] = parsed.data;
  }
  const raise = (name: ServerLimitName) => `${SERVER_LIMIT_SETTINGS[name].flag} (or ${SERVER_LIMIT_SETTINGS[name].variable}) when starting silolab serve`;
  return {
    maxRuns: values.maxRuns,
    run: {
      memoryBytes: { value: values.runMemoryMb * 2 ** 20, raise: raise('runMemoryMb') },
      requestsPerTick: { value: values.requestsPerTick, raise: raise('requestsPerTick') },
      storedLedgerRecords: { value: values.storedLedgerRecords, raise: raise('storedLedgerRecords') },
    },
  };
}
