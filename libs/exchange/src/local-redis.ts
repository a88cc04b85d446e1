// A throw-away redis-server on a free local port, for runs when REDIS_URL is not set.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { childEnvironment } from '@silolab/runner';

/** A running local Redis and how to stop it. */
export interface LocalRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
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

function startOn(port: number, command: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { env: childEnvironment(), stdio: 'ignore' });
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(NO_REDIS_SERVER) : error));
    child.once('spawn', () => {
      // The server is stopped explicitly; it must not keep this process alive on its own.
      child.unref();
      resolve(child);
    });
  });
}

/** Starts `redis-server` (no persistence) on a free port and waits until it answers; throws {@link NO_REDIS_SERVER} if none is installed. */
export async function startLocalRedis(command = process.env.SILOLAB_REDIS_SERVER ?? 'redis-server'): Promise<LocalRedis> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = await startOn(port, command);
    const url = `redis://127.0.0.1:${port}`;
    for (let wait = 0; wait < 100 && child.exitCode === null; wait++) {
      if (await answersPing(port)) {
        const stop = () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            // Referenced again while we wait for it: otherwise, with nothing else left open, Node would exit here.
            child.ref();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          });
        return { url, pid: child.pid!, stop };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
  }
  throw new Error('redis-server did not start (tried three free ports)');
}
