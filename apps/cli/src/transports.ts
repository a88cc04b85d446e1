// Choosing the transport for a run: the embedded in-process resolver, or department and hub services over Redis.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InProcessResolver, type ExchangeResolver } from '@silolab/engine';
import { RedisResolver, ServiceSupervisor, splitDepartments, startLocalRedis, type LocalRedis, type TransportSummary } from '@silolab/exchange';
import { departmentCount, type Scenario } from '@silolab/model';
import { dropKeys, KeyRing, RUN_SECRET_ENV } from '@silolab/protocol';
import { projectRoot } from '@silolab/runner';

/** A resolver and how to shut down whatever was started for it. */
export interface ResolverHandle {
  resolver: ExchangeResolver;
  shutdown: () => Promise<void>;
  /** Redis transport only: the service processes (fault injection in tests), the Redis URL, run id and key prefix. */
  services?: ServiceSupervisor;
  redis?: { url: string; run: string; prefix: string };
  /** Redis transport only: the summary's `transport` section (the hub's messages, queue wait and handling time). */
  transportSummary?: () => TransportSummary;
}

/** Options of the redis transport; every one has a default (environment variables in brackets). */
export interface RedisTransportOptions {
  /** Redis to use [REDIS_URL]; default: start a local redis-server on a free port. */
  redisUrl?: string;
  /** Department processes to split the departments over [SILOLAB_DEPARTMENT_PROCESSES]. Default 2. */
  departmentProcesses?: number;
  /** The run secret the services derive their keys from. Default: 32 random bytes, in memory only. */
  secret?: string;
  /** Where service logs go. Default stderr. */
  log?: (line: string) => void;
}

/** The built service entry points (dist/), which the redis transport starts as child processes. */
function builtApp(name: string): string {
  const script = join(projectRoot(), 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(script)) throw new Error(`the redis transport runs the built services: ${script} is missing (run npm run build)`);
  return script;
}

/** Creates the resolver for `--transport`. */
export async function createResolver(transport: 'inproc' | 'redis', delivery: 'message' | 'tick', scenario: Scenario, options: RedisTransportOptions = {}): Promise<ResolverHandle> {
  if (transport === 'redis') return createRedisResolver(delivery, scenario, options);
  return { resolver: new InProcessResolver(), shutdown: async () => undefined };
}

/**
 * The redis transport: Redis (REDIS_URL, or a local redis-server started here), a random run secret handed to the
 * services through their environment, the exchange hub and N department processes as children of this one, and a
 * RedisResolver for the Simulation. `shutdown` stops all of it and deletes the run's keys.
 */
async function createRedisResolver(delivery: 'message' | 'tick', scenario: Scenario, options: RedisTransportOptions): Promise<ResolverHandle> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const hubScript = builtApp('exchange-hub');
  const departmentScript = builtApp('department-service');
  const url = options.redisUrl ?? process.env.REDIS_URL;
  const local: LocalRedis | null = url ? null : await startLocalRedis();
  const redisUrl = url ?? local!.url;
  const run = `x${randomBytes(6).toString('hex')}`;
  // A prefix of its own per run, so shutdown can delete exactly the run's keys (dropKeys takes a prefix without ':').
  const prefix = `silolab-${run}`;
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const env = { ...process.env, REDIS_URL: redisUrl, SILOLAB_RUN: run, SILOLAB_PREFIX: prefix, [RUN_SECRET_ENV]: secret };
  const departments = departmentCount(scenario);
  const processes = options.departmentProcesses ?? Number(process.env.SILOLAB_DEPARTMENT_PROCESSES ?? 2);
  if (!Number.isInteger(processes) || processes < 1) throw new Error(`SILOLAB_DEPARTMENT_PROCESSES: expected a positive integer, got ${processes}`);
  const services = new ServiceSupervisor(
    [
      { name: 'hub', script: hubScript, args: [], env },
      ...splitDepartments(departments, processes).map((range) => ({ name: `departments ${range}`, script: departmentScript, args: ['--departments', range], env })),
    ],
    { log },
  );
  const connection = { url: redisUrl };
  const resolver = new RedisResolver({ connection, run, prefix, keyRing: KeyRing.fromSecret(secret, run), delivery, scenario, warn: (line) => log(`orchestrator: ${line}`) });
  const shutdown = async () => {
    await resolver.disconnect().catch(() => undefined);
    await services.stop();
    if (local) await local.stop();
    else await dropKeys(connection, prefix).catch(() => undefined);
  };
  try {
    await services.start();
    await resolver.start();
  } catch (error) {
    await shutdown();
    throw error;
  }
  return { resolver, shutdown, services, redis: { url: redisUrl, run, prefix }, transportSummary: () => resolver.transportSummary() };
}
