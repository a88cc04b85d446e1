// Starting the redis transport for one run: Redis (REDIS_URL, or a local redis-server), the exchange hub and the
// department services as child processes, and the RedisResolver the Simulation resolves exchanges with.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { departmentCount, faultsAreEmpty, type Faults, type Scenario } from '@silolab/model';
import { DEFAULT_PREFIX, KeyRing, RUN_SECRET_ENV, runPrefix } from '@silolab/protocol';
import { dropKeys } from './drop-keys';
import { projectRoot } from '@silolab/runner';
import { parseDepartmentList, splitDepartments } from './department-identity';
import { checkFaultTargets, FaultPlan } from './faults/fault-plan';
import { FAULTS_ENV, type FaultsEnv } from './faults/message-faults';
import { startLocalRedis, type LocalRedis } from './local-redis';
import { RedisResolver, type TransportSummary } from './redis-resolver';
import { ServiceSupervisor } from './service-supervisor';
import { DEFAULT_PROTOCOL, exchangeProtocol, PROTOCOL_MODULES_ENV, protocolModules } from './protocols/protocol-registry';
import { OpmonLog } from './opmon/opmon-log';
import type { OpmonEntry } from './opmon/opmon-recorder';
import type { OpmonRecords } from './opmon/opmon-records';
import Redis from 'ioredis';

/** Most department processes one run may start (SILOLAB_DEPARTMENT_PROCESSES). */
export const MAX_DEPARTMENT_PROCESSES = 64;

/** Options of the redis transport; every one has a default (environment variables in brackets). */
export interface RedisTransportOptions {
  /** Redis to use [REDIS_URL]; default: start a local redis-server on a free port. */
  redisUrl?: string;
  /** Department processes to split the departments over [SILOLAB_DEPARTMENT_PROCESSES]. Default 2, at most {@link MAX_DEPARTMENT_PROCESSES}. */
  departmentProcesses?: number;
  /** The run secret the services derive their keys from. Default: 32 random bytes, in memory only. */
  secret?: string;
  /** Where service logs go. Default stderr. */
  log?: (line: string) => void;
  /**
   * Serve each service's Prometheus metrics [SILOLAB_SERVICE_METRICS_PORT]: the hub on this port, department process
   * k on port + 1 + k; 0 gives each a free port. Each prints its URL (`silolab-service-metrics <url>`) to the log.
   * Default: none. SILOLAB_METRICS_HOST and SILOLAB_METRICS_TOKEN are passed on when set.
   */
  serviceMetricsPort?: number;
  /** The exchange protocol (a registered name). Default `hub`. */
  protocol?: string;
  /** Fail the run when no outcome arrives for this long, in ms. Default 180000 (RedisResolver). */
  stallTimeoutMs?: number;
  /**
   * Faults to inject (docs/protocols.md §4), keyed by the run's seed: the scenario's `faults:` unless given here. A
   * `restart-redis` fault needs the transport's own Redis (no `redisUrl`, no REDIS_URL), which it then starts with AOF on.
   */
  faults?: { faults: Faults; seed: number };
  /** Record each request's round trip in the resolver's `stats.latenciesMs` (the lab). Default false. */
  recordLatency?: boolean;
}

/** The metrics settings of the service at `offset` (hub 0, department process k at k + 1), if metrics are asked for. */
export function serviceMetricsEnv(option: number | undefined, offset: number, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const raw = option ?? (env.SILOLAB_SERVICE_METRICS_PORT ? Number(env.SILOLAB_SERVICE_METRICS_PORT) : undefined);
  if (raw === undefined) return {};
  if (!Number.isInteger(raw) || raw < 0 || raw + MAX_DEPARTMENT_PROCESSES > 65535) {
    throw new Error(`SILOLAB_SERVICE_METRICS_PORT: expected 0 (free ports) or a port up to ${65535 - MAX_DEPARTMENT_PROCESSES}, got ${option ?? env.SILOLAB_SERVICE_METRICS_PORT}`);
  }
  const passed = Object.fromEntries((['SILOLAB_METRICS_HOST', 'SILOLAB_METRICS_TOKEN'] as const).filter((name) => env[name]).map((name) => [name, env[name]!]));
  return { ...passed, SILOLAB_METRICS_PORT: String(raw === 0 ? 0 : raw + offset) };
}

/** A started redis transport and how to stop all of it. */
export interface RedisTransport {
  resolver: RedisResolver;
  services: ServiceSupervisor;
  redis: { url: string; run: string; prefix: string };
  /** Processes started for the run (services and a local redis-server), to stop them if the owner cannot. */
  childPids(): number[];
  /** The same processes by name (`hub`, `departments 0-5`, …, `redis` when started here): their pids now. */
  processes(): Record<string, number>;
  transportSummary(): TransportSummary;
  /** Disconnects, stops the services (and a local Redis) and deletes the run's keys. */
  shutdown(): Promise<void>;
  /** The run's opmon records, once `shutdown` has collected them (null before, or when they could not be read). */
  opmon(): OpmonRecords | null;
}

/** The services' opmon entries in the run's list (read once they have stopped, so each has flushed). */
async function readOpmon(redisUrl: string, base: string): Promise<{ entries: OpmonEntry[]; dropped: number }> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    return await new OpmonLog(redis, base).read();
  } finally {
    redis.disconnect();
  }
}

/**
 * A fresh run id: `x` and 12 random hex digits. Every key of the run starts with `${prefix}:${run}` and BullMQ sends a
 * job's keys with each of its commands, so its length is part of what a job costs Redis (docs/transport.md §7.11).
 */
export function newRunId(): string {
  return `x${randomBytes(6).toString('hex')}`;
}

/** The built service entry points (dist/), which the redis transport starts as child processes. */
function builtApp(name: string): string {
  const script = join(projectRoot(), 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(script)) throw new Error(`the redis transport runs the built services: ${script} is missing (run npm run build)`);
  return script;
}

/** The department processes to start: the option, else SILOLAB_DEPARTMENT_PROCESSES, else 2; checked. */
export function departmentProcessCount(option: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const processes = option ?? Number(env.SILOLAB_DEPARTMENT_PROCESSES ?? 2);
  if (!Number.isInteger(processes) || processes < 1 || processes > MAX_DEPARTMENT_PROCESSES) {
    throw new Error(`SILOLAB_DEPARTMENT_PROCESSES: expected a whole number from 1 to ${MAX_DEPARTMENT_PROCESSES}, got ${option ?? env.SILOLAB_DEPARTMENT_PROCESSES}`);
  }
  return processes;
}

/**
 * Starts the transport: a random run id and secret handed to the services through their (explicit) environment, the
 * hub and N department processes as children of this process, and a RedisResolver for the Simulation.
 */
export async function startRedisTransport(delivery: 'message' | 'tick', scenario: Scenario, options: RedisTransportOptions = {}): Promise<RedisTransport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const hubScript = builtApp('exchange-hub');
  const departmentScript = builtApp('department-service');
  const processes = departmentProcessCount(options.departmentProcesses);
  const metricsEnv = (offset: number) => serviceMetricsEnv(options.serviceMetricsPort, offset);
  metricsEnv(0);
  const protocol = exchangeProtocol(options.protocol ?? DEFAULT_PROTOCOL);
  const url = options.redisUrl ?? process.env.REDIS_URL;
  const faults = options.faults && !faultsAreEmpty(options.faults.faults) ? options.faults : null;
  if (faults) checkFaultTargets(faults.faults, !url);
  const local: LocalRedis | null = url ? null : await startLocalRedis({ appendonly: faults?.faults.events.some((event) => event.fault === 'restart-redis') });
  const redisUrl = url ?? local!.url;
  const run = newRunId();
  // Keys are `silolab:<run>:…` (runPrefix), so shutdown deletes exactly the run's keys. The run appears once in every key:
  // BullMQ sends a job's keys with each of its commands (about 25 per job), so a longer prefix costs bytes and Redis time.
  const prefix = DEFAULT_PREFIX;
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const faultsEnv: Record<string, string> = faults ? { [FAULTS_ENV]: JSON.stringify({ seed: faults.seed, messages: faults.faults.messages } satisfies FaultsEnv) } : {};
  const modulesEnv: Record<string, string> = protocolModules() ? { [PROTOCOL_MODULES_ENV]: protocolModules() } : {};
  const env = { REDIS_URL: redisUrl, SILOLAB_RUN: run, SILOLAB_PREFIX: prefix, SILOLAB_PROTOCOL: protocol.name, [RUN_SECRET_ENV]: secret, ...faultsEnv, ...modulesEnv };
  const departments = departmentCount(scenario);
  const ranges = splitDepartments(departments, processes);
  const services = new ServiceSupervisor(
    [
      { name: 'hub', script: hubScript, args: [], env: { ...env, ...metricsEnv(0) } },
      ...ranges.map((range, k) => ({ name: `departments ${range}`, script: departmentScript, args: ['--departments', range], env: { ...env, ...metricsEnv(k + 1) } })),
    ],
    { log },
  );
  const departmentProcess = (index: number) => `departments ${ranges.find((range) => parseDepartmentList(range).includes(index))}`;
  const plan = faults && new FaultPlan(faults.faults, { services, departmentProcess, redis: local, log });
  const connection = { url: redisUrl };
  const resolver = new RedisResolver({
    connection,
    run,
    prefix,
    keyRing: KeyRing.fromSecret(secret, run),
    delivery,
    protocol,
    scenario,
    stallTimeoutMs: options.stallTimeoutMs,
    recordLatency: options.recordLatency,
    warn: (line) => log(`orchestrator: ${line}`),
    faults: faults && plan ? { seed: faults.seed, messages: faults.faults.messages, plan } : undefined,
  });
  let opmon: OpmonRecords | null = null;
  const shutdown = async () => {
    plan?.release();
    await resolver.disconnect().catch(() => undefined);
    await services.stop();
    // A passive record: a run whose opmon cannot be read still ends as it would have, with no opmon records.
    opmon = await readOpmon(redisUrl, `${prefix}:${run}`)
      .then((entries) => resolver.opmonRecords(entries))
      .catch((error: Error) => {
        log(`orchestrator: opmon records not read: ${error.message}`);
        return null;
      });
    if (local) await local.stop();
    else await dropKeys(connection, runPrefix(prefix, run)).catch(() => undefined);
  };
  try {
    await services.start();
    await resolver.start();
  } catch (error) {
    await shutdown();
    throw error;
  }
  const named = () => Object.fromEntries(Object.entries({ ...services.pids(), ...(local ? { redis: local.pid } : {}) }).filter(([, pid]) => pid > 0));
  return {
    resolver,
    services,
    redis: { url: redisUrl, run, prefix },
    childPids: () => Object.values(named()),
    processes: named,
    transportSummary: () => resolver.transportSummary(),
    shutdown,
    opmon: () => opmon,
  };
}
