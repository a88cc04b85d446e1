// Child processes of the hub and department services: started, watched, restarted when they die, stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { childEnvironment } from '@silolab/runner';

/** The line a service prints on stdout once its inboxes are consuming. */
export const SERVICE_READY_LINE = 'silolab-service-ready';

/**
 * Node flags for every service process, from `SILOLAB_SERVICE_NODE_ARGS` (space-separated), e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the hub and departments (NODE_OPTIONS refuses `--cpu-prof`).
 */
export function serviceNodeArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.SILOLAB_SERVICE_NODE_ARGS ?? '').split(' ').filter((arg) => arg.length > 0);
}

/** One service process to run. */
export interface ServiceSpec {
  /** Short label for logs (`hub`, `departments 0-5`). */
  name: string;
  /** Node script to run (a built app's main.js). */
  script: string;
  args: string[];
  /** Variables set for this service, on top of the allowlist every child inherits (`childEnvironment`). */
  env: Record<string, string>;
}

/** Options of {@link ServiceSupervisor}. */
export interface SupervisorOptions {
  /** Where service output and supervisor notes go. Default stderr. */
  log?: (line: string) => void;
  /** Restarts allowed per service before giving up on it. Default 5. */
  maxRestarts?: number;
  /** How long to wait for every service to be ready, ms. Default 120000. */
  readyTimeoutMs?: number;
}

/**
 * Runs each service as a child Node process. A service that exits while the supervisor runs (a crash, a kill) is
 * restarted with the same arguments: its queued and stalled jobs wait in Redis and are taken up again.
 */
export class ServiceSupervisor {
  private readonly children = new Map<string, ChildProcess>();
  private readonly restarts = new Map<string, number>();
  private stopping = false;
  private readonly log: (line: string) => void;

  constructor(
    private readonly specs: readonly ServiceSpec[],
    private readonly options: SupervisorOptions = {},
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Starts every service and waits until each has printed its ready line. */
  async start(): Promise<void> {
    await Promise.all(this.specs.map((spec) => this.launch(spec)));
  }

  /** Current pid of each service, by name. */
  pids(): Record<string, number> {
    return Object.fromEntries([...this.children].map(([name, child]) => [name, child.pid ?? -1]));
  }

  /** Total restarts so far. */
  get restartCount(): number {
    return [...this.restarts.values()].reduce((a, b) => a + b, 0);
  }

  /** Sends `signal` to the service called `name` (fault injection); it will be restarted. */
  kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): number {
    const child = this.children.get(name);
    if (!child?.pid) throw new Error(`no running service called ${JSON.stringify(name)} (have ${[...this.children.keys()].join(', ')})`);
    child.kill(signal);
    return child.pid;
  }

  /** Stops every service (SIGTERM, then SIGKILL after `graceMs`). */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    this.children.clear();
  }

  private launch(spec: ServiceSpec): Promise<void> {
    const child = spawn(process.execPath, [...serviceNodeArgs(), spec.script, ...spec.args], { env: childEnvironment(spec.env), stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.set(spec.name, child);
    const timeoutMs = this.options.readyTimeoutMs ?? 120_000;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const timer = setTimeout(() => reject(new Error(`${spec.name}: not ready within ${timeoutMs} ms`)), timeoutMs);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (!ready && line.startsWith(SERVICE_READY_LINE)) {
          ready = true;
          clearTimeout(timer);
          resolve();
        } else if (line.trim()) this.log(`[${spec.name}] ${line}`);
      });
      createInterface({ input: child.stderr! }).on('line', (line) => line.trim() && this.log(`[${spec.name}] ${line}`));
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`${spec.name}: ${error.message}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.stopping) return;
        if (!ready) return reject(new Error(`${spec.name} exited before it was ready (code ${code}, signal ${signal}); see its output above`));
        const restarts = (this.restarts.get(spec.name) ?? 0) + 1;
        this.restarts.set(spec.name, restarts);
        if (restarts > (this.options.maxRestarts ?? 5)) {
          this.log(`${spec.name} exited (code ${code}, signal ${signal}); not restarting after ${restarts - 1} restarts`);
          return;
        }
        this.log(`${spec.name} exited (code ${code}, signal ${signal}); restarting`);
        this.launch(spec).catch((error: Error) => this.log(`${spec.name}: restart failed: ${error.message}`));
      });
    });
  }
}
