// Test support: the built orchestrator in a child process (Nest 12 is ESM-only, so it cannot run inside Jest),
// and a WebSocket client from the `ws` package that @nestjs/platform-ws depends on.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const main = join(root, 'dist', 'apps', 'orchestrator', 'src', 'main.js');

/** The API token the test orchestrators run with (SILOLAB_API_TOKEN), unless a test passes its own environment. */
export const TEST_API_TOKEN = 'test-token-0123456789abcdefghij';

/** Headers of an authorised JSON request. */
export const authorised = { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json' };

/** A running orchestrator process and its base URL. */
export interface OrchestratorProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends `signal` and resolves once the process has exited (and been reaped). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node dist/apps/orchestrator/src/main.js --port 0` (or the `silolab` command with `command`) on a SQLite
 * file in `dataDir`; resolves with its URL.
 */
export function startOrchestratorProcess(dataDir: string, options: { command?: string[]; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<OrchestratorProcess> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const args = options.command ? [join(root, 'bin', 'silolab.js'), ...options.command] : [main, '--port', '0'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, SILOLAB_DATA_DIR: dataDir, DATABASE_URL: '', SILOLAB_API_TOKEN: TEST_API_TOKEN, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the orchestrator did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1],
        output: () => output,
        kill: async (signal) => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the orchestrator exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

/** The part of a `ws` client the tests use (the package ships no type declarations here). */
interface WsClient {
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocket = require('ws') as new (url: string) => WsClient;

/** A WebSocket connection that keeps every JSON message it receives. */
export interface StreamRecorder {
  messages: Array<{ event: string; data: Record<string, unknown> }>;
  /** Resolves when `predicate` holds for the messages so far (checked on each message). */
  until(predicate: (messages: StreamRecorder['messages']) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Connects to `url` and resolves once the server's hello arrives. */
export function recordStream(url: string): Promise<StreamRecorder> {
  const socket = new WebSocket(url);
  const messages: StreamRecorder['messages'] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(data.toString()));
    for (const waiter of [...waiters]) waiter();
  });
  const recorder: StreamRecorder = {
    messages,
    until: (predicate, timeoutMs = 120_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(messages)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`stream condition not met within ${timeoutMs} ms; ${messages.length} messages`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    recorder.until((all) => all.some((message) => message.event === 'hello')).then(() => resolve(recorder), reject);
  });
}
