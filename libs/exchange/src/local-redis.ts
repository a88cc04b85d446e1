// A throw-away redis-server on a free local port, for runs when REDIS_URL is not set.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { childEnvironment } from '@silolab/runner';

/** A running local Redis and how to stop it. */
export interface LocalRedis {
  url: string;
  /** The current redis-server's pid (a restart changes it). */
  readonly pid: number;
  stop(): Promise<void>;
  /**
   * Stops the server (SIGTERM: an AOF server writes its file out first), waits `downMs`, and starts it again on the same
   * port and data folder; resolves once it answers. Only a server started with `appendonly` keeps its data.
   */
  restart(downMs: number): Promise<void>;
}

/** Options of {@link startLocalRedis}. */
export interface LocalRedisOptions {
  /** Persist every write in an append-only file (`appendonly yes`, fsync every second) in a temporary folder, so a restart loses nothing. Default false. */
  appendonly?: boolean;
  /** The server binary. Default SILOLAB_REDIS_SERVER, else `redis-server`. */
  command?: string;
}

/** The message when no redis-server binary can be started. */
export const NO_REDIS_SERVER =
  'the redis transport needs Redis: set REDIS_URL=redis://host:port, or install redis-server so SiloLab can start one (Debian/Ubuntu: apt-get install redis-server)';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** True when a Redis server answers PING on `port` (a raw RESP exchange: nothing left open afterwards). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function startOn(port: number, command: string, dir: string | null): Promise<ChildProcess> {
  const persistence = dir ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', dir] : ['--appendonly', 'no'];
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--loglevel', 'warning'], { env: childEnvironment(), stdio: 'ignore' });
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(NO_REDIS_SERVER) : error));
    child.once('spawn', () => {
      // The server is stopped explicitly; it must not keep this process alive on its own.
      child.unref();
      resolve(child);
    });
  });
}

/** Stops `child` (SIGTERM) and resolves once it has exited. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    // Referenced again while we wait for it: otherwise, with nothing else left open, Node would exit here.
    child.ref();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Waits until the server on `port` answers, or `child` exits; true when it answers. */
async function answersSoon(port: number, child: ChildProcess): Promise<boolean> {
  for (let wait = 0; wait < 100 && child.exitCode === null; wait++) {
    if (await answersPing(port)) return true;
    await sleep(100);
  }
  return false;
}

/** Starts `redis-server` on a free port and waits until it answers; throws {@link NO_REDIS_SERVER} if none is installed. */
export async function startLocalRedis(options: LocalRedisOptions = {}): Promise<LocalRedis> {
  const command = options.command ?? process.env.SILOLAB_REDIS_SERVER ?? 'redis-server';
  const dir = options.appendonly ? mkdtempSync(join(tmpdir(), 'silolab-redis-')) : null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    let child = await startOn(port, command, dir);
    if (await answersSoon(port, child)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        get pid() {
          return child.pid!;
        },
        stop: async () => {
          await stopChild(child);
          if (dir) rmSync(dir, { recursive: true, force: true });
        },
        restart: async (downMs: number) => {
          await stopChild(child);
          await sleep(downMs);
          child = await startOn(port, command, dir);
          if (!(await answersSoon(port, child))) throw new Error(`redis-server did not start again on port ${port}`);
        },
      };
    }
    child.kill('SIGKILL');
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  throw new Error('redis-server did not start (tried three free ports)');
}
