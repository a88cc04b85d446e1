// Where an output was made: SiloLab's git commit (when it runs from a checkout), a hash of its lockfile, Node, the
// operating system and the CPU — what a paper's methods section needs to say how its numbers can be reproduced.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { arch, cpus, release, type } from 'node:os';
import { join } from 'node:path';
import { childEnvironment } from '@silolab/runner';

/** The environment record of a manifest. It holds no absolute paths. */
export interface EnvironmentRecord {
  /** The commit SiloLab runs from, and whether its tracked files had changes; null outside a git checkout. */
  git: { commit: string; dirty: boolean } | null;
  /** SHA-256 of package-lock.json: the exact dependency versions. */
  lockfileHash: string | null;
  node: string;
  os: string;
  cpu: { model: string; cores: number };
}

/** SiloLab's install folder (the one holding package.json), found from this file's place in dist/ or the sources. */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dir !== join(dir, '..')) dir = join(dir, '..');
  return dir;
}

/** Runs git in SiloLab's folder with an explicit, minimal environment; null when git or the checkout is absent. */
function git(root: string, args: string[]): string | null {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', env: childEnvironment({ LANG: 'C' }), timeout: 5000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The record for this process. */
export function environmentRecord(): EnvironmentRecord {
  const root = packageRoot();
  const commit = existsSync(join(root, '.git')) ? git(root, ['rev-parse', 'HEAD']) : null;
  const status = commit ? git(root, ['status', '--porcelain', '--untracked-files=no']) : null;
  const lockfile = join(root, 'package-lock.json');
  const processors = cpus();
  return {
    git: commit ? { commit, dirty: status !== null && status.length > 0 } : null,
    lockfileHash: existsSync(lockfile) ? createHash('sha256').update(readFileSync(lockfile)).digest('hex') : null,
    node: process.version,
    os: `${type()} ${release()} ${arch()}`,
    cpu: { model: processors[0]?.model.trim() ?? 'unknown', cores: processors.length },
  };
}
