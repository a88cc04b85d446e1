// Runs a Nest transport scenario (nest-scenarios.ts) in a child process that can load NestJS (test/support/nest-harness.cjs).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { runInNestProcess } from '../../support/nest-process';

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
  return runInNestProcess<T>(path.join(__dirname, 'nest-scenarios.ts'), name, args);
}
