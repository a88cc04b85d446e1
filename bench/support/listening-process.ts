// A server the benches start as a child process: an explicit environment, and its URL read from what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { childEnvironment } from '@silolab/runner';

/**
 * Runs `node <args>` in `cwd` with only `env` added to the child environment (childEnvironment), and resolves with the
 * address it prints (`listening on http://…`) once it does; rejects, with what it printed, if it exits first.
 */
export function startListening(label: string, cwd: string, args: string[], env: Record<string, string | number>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd, env: childEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1], child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${label} exited (${code}):\n${output}`)));
  });
}
