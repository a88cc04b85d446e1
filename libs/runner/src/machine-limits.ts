// The limits of runs on this machine (`silolab run`, `fork`, sweeps): memory follows the machine's, both can be set.
import { totalmem } from 'node:os';
import { MAX_REQUESTS_PER_TICK, type RunLimits } from '@silolab/engine';
import { z } from 'zod';

/** Share of this machine's memory one run may plan to use by default. */
export const DEFAULT_MEMORY_SHARE = 0.5;

const positiveInteger = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name}: expected a positive whole number`)
    .transform(Number)
    .refine((n) => n >= 1 && Number.isSafeInteger(n), `${name}: expected a positive whole number`)
    .optional();

/** The variables that set the limits (each optional). */
const limitsEnvironment = z.object({
  SILOLAB_MAX_RUN_MEMORY_MB: positiveInteger('SILOLAB_MAX_RUN_MEMORY_MB'),
  SILOLAB_MAX_REQUESTS_PER_TICK: positiveInteger('SILOLAB_MAX_REQUESTS_PER_TICK'),
});

/** The limits a run here must fit; a bad variable throws naming it. */
export function machineRunLimits(env: NodeJS.ProcessEnv = process.env): RunLimits {
  const parsed = limitsEnvironment.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues[0].message);
  const { SILOLAB_MAX_RUN_MEMORY_MB: memoryMb, SILOLAB_MAX_REQUESTS_PER_TICK: requests } = parsed.data;
  const defaultMb = Math.floor((totalmem() * DEFAULT_MEMORY_SHARE) / 2 ** 20);
  return {
    memoryBytes: { value: (memoryMb ?? defaultMb) * 2 ** 20, raise: `SILOLAB_MAX_RUN_MEMORY_MB=<MiB> (default: half of this machine's memory, ${defaultMb} MiB)` },
    requestsPerTick: { value: requests ?? MAX_REQUESTS_PER_TICK, raise: 'SILOLAB_MAX_REQUESTS_PER_TICK=<n>' },
  };
}
