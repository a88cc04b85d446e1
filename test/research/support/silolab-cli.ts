// Running the built `silolab` command from tests (bin/silolab.js → dist/), synchronously or as a child to kill.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..', '..');
export const bin = join(root, 'bin', 'silolab.js');

/** Runs `silolab …` to completion. */
export function silolab(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `silolab …` and fails the test with its stderr when it exits non-zero. */
export function silolabOk(...args: string[]): string {
  const result = silolab(...args);
  if (result.code !== 0) throw new Error(`silolab ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

/** Starts `silolab …` in the background (stdout/stderr collected). */
export function startSilolab(...args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

/** Resolves when `child` has exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

/** A fresh temporary folder. */
export function workFolder(tag: string): string {
  return mkdtempSync(join(tmpdir(), `silolab-${tag}-`));
}
