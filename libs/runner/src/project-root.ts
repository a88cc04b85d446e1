// Where the SiloLab project lives (its package.json), found from this file whether run from source or dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | null = null;

/** The folder holding SiloLab's package.json. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== 'silolab') {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find SiloLab's package.json above ${__dirname}`);
    dir = parent;
  }
  return (cached = dir);
}

/** SiloLab's version, from package.json. */
export function silolabVersion(): string {
  return JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')).version as string;
}
