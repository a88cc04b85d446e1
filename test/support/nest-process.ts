// Jest side of the Nest harness (nest-harness.cjs, which says why): runs an exported function of a TypeScript module
// in a child Node process and resolves to the JSON it returned.
import { execFile } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** Options of {@link runInNestProcess}. */
export interface NestProcessOptions {
  /** Extra environment of the child (on top of this process's). */
  env?: Record<string, string>;
  /** Milliseconds before the child is killed. Default 110 s. */
  timeoutMs?: number;
}

/**
 * Calls `exportName(args)` of `modulePath` (a .ts file; absolute, or relative to the project) in a child process
 * that can load NestJS, and resolves to its JSON result; rejects with the child's stderr when it fails.
 */
export function runInNestProcess<T>(modulePath: string, exportName: string, args: unknown = {}, options: NestProcessOptions = {}): Promise<T> {
  const label = `${path.relative(root, path.resolve(root, modulePath))} ${exportName}`;
  return new Promise<T>((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(__dirname, 'nest-harness.cjs'), path.resolve(root, modulePath), exportName, JSON.stringify(args)],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 110_000, env: { ...process.env, ...options.env } },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${label} failed: ${error.message}\n${stderr}`));
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`${label} printed no JSON result:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}
