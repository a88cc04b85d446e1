// Jest side of the Nest harness: runs a scenario in a child Node process and returns what it observed.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

/** Arguments every scenario receives: where Redis is and a key prefix no other test uses. */
export interface ScenarioArgs {
  redisUrl: string;
  prefix: string;
  [extra: string]: unknown;
}

/** The Redis the Jest global set-up started. */
export function redisUrl(): string {
  const url = process.env.REDIS_URL_TEST;
  if (!url) throw new Error('REDIS_URL_TEST: expected the Jest global set-up (test/global-setup.js) to start Redis');
  return url;
}

/** A key prefix unique to one test. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${randomUUID().slice(0, 8)}`;
}

/** Runs scenario `name` of support/nest-scenarios.ts with `extra` arguments; resolves to its JSON output. */
export function runNestScenario<T>(name: string, extra: Record<string, unknown> = {}): Promise<T> {
  const args: ScenarioArgs = { redisUrl: redisUrl(), prefix: uniquePrefix(name), ...extra };
  return new Promise<T>((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(__dirname, 'nest-harness.cjs'), name, JSON.stringify(args)],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 110_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`scenario ${name} failed: ${error.message}\n${stderr}`));
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`scenario ${name} printed no JSON result:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}
