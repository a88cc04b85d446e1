// A throw-away redis-server on a free local port, for runs when REDIS_URL is not set.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';

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

async function answersPing(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function startOn(port: number, command: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(NO_REDIS_SERVER) : error));
    child.once('spawn', () => resolve(child));
  });
}

/** Starts `redis-server` (no persistence) on a free port and waits until it answers; throws {@link NO_REDIS_SERVER} if none is installed. */
export async function startLocalRedis(command = process.env.SILOLAB_REDIS_SERVER ?? 'redis-server'): Promise<LocalRedis> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = await startOn(port, command);
    const url = `redis://127.0.0.1:${port}`;
    for (let wait = 0; wait < 100 && child.exitCode === null; wait++) {
      if (await answersPing(url)) {
        const stop = () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
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
