import { spawnSync } from 'node:child_process';
import { childEnvironment, INHERITED_VARIABLES } from './child-environment';

describe('childEnvironment', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).SILOLAB_POLLUTED;
  });

  it('copies only the allowlisted variables and LC_* from the parent, then the explicit ones', () => {
    const env = childEnvironment({ REDIS_URL: 'redis://x:1', SILOLAB_RUN: 'r1', LEFT_OUT: undefined }, { PATH: '/bin', HOME: '/h', LC_ALL: 'C', AWS_SECRET_ACCESS_KEY: 'k', DATABASE_URL: 'postgres://secret', NODE_OPTIONS: '--require=/x.js' });
    expect({ ...env }).toEqual({ PATH: '/bin', HOME: '/h', LC_ALL: 'C', REDIS_URL: 'redis://x:1', SILOLAB_RUN: 'r1' });
    expect(INHERITED_VARIABLES).not.toContain('NODE_OPTIONS');
  });

  it('has no prototype, so a polluted Object.prototype adds nothing', () => {
    (Object.prototype as Record<string, unknown>).SILOLAB_POLLUTED = 'yes';
    const env = childEnvironment({ SILOLAB_RUN: 'r1' }, { PATH: process.env.PATH });
    expect(Object.getPrototypeOf(env)).toBeNull();
    const keys: string[] = [];
    for (const key in env) keys.push(key);
    expect(keys.sort()).toEqual(['PATH', 'SILOLAB_RUN']);
  });

  it('gives a spawned process nothing from a polluted Object.prototype (spawn copies inherited keys of a plain object)', () => {
    (Object.prototype as Record<string, unknown>).SILOLAB_POLLUTED = 'yes';
    const script = 'process.stdout.write(JSON.stringify([process.env.SILOLAB_POLLUTED ?? null, process.env.SILOLAB_RUN ?? null]))';
    const plain = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, SILOLAB_RUN: 'r1' }, encoding: 'utf8' });
    const explicit = spawnSync(process.execPath, ['-e', script], { env: childEnvironment({ SILOLAB_RUN: 'r1' }), encoding: 'utf8' });
    // The hazard this guards against: a plain object carries the polluted key into the child.
    expect(JSON.parse(plain.stdout)).toEqual(['yes', 'r1']);
    expect(JSON.parse(explicit.stdout)).toEqual([null, 'r1']);
  });
});
