// The built `silolab` command, run with REDIS_URL set to the test Redis (test/global-setup.js starts it).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'bin', 'silolab.js');

/** Runs `silolab ...args` from the project root with REDIS_URL = REDIS_URL_TEST; its exit code and output. */
export function silolabOverRedis(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const redisUrl = process.env.REDIS_URL_TEST;
  if (!redisUrl) throw new Error('REDIS_URL_TEST is not set (test/global-setup.js starts a Redis)');
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, REDIS_URL: redisUrl } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
