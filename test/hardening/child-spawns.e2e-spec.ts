// Every child process SiloLab starts gets an explicit environment from childEnvironment (libs/runner): a source scan,
// so a new spawn that inherits `process.env` (or merges it with other keys) fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const SPAWNS = /\b(spawn|spawnSync|fork|execFile|execFileSync|exec|execSync)\(/g;

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) yield path;
  }
}

/** The text of the call starting at `start`: up to its matching closing parenthesis. */
function callText(source: string, start: number): string {
  let depth = 0;
  for (let i = source.indexOf('(', start); i < source.length; i++) {
    if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return source.slice(start, i + 1);
  }
  return source.slice(start);
}

describe('child processes', () => {
  it('every spawn, fork and exec in apps/, libs/ and bench/ passes an environment built by childEnvironment', () => {
    const offenders: string[] = [];
    let calls = 0;
    for (const top of ['apps', 'libs', 'bench']) {
      for (const file of sources(join(root, top))) {
        const source = readFileSync(file, 'utf8');
        for (const match of source.matchAll(SPAWNS)) {
          if (/(function|\.|private|async)\s*$/.test(source.slice(Math.max(0, match.index - 12), match.index))) continue; // a declaration or a method (regex.exec)
          calls++;
          const call = callText(source, match.index);
          const explicit = call.includes('childEnvironment(') || (/\benv\b/.test(call) && /\benv = childEnvironment\(/.test(source));
          if (!explicit) offenders.push(`${relative(root, file)}:${source.slice(0, match.index).split('\n').length}: ${call.split('\n')[0]}`);
        }
      }
    }
    expect(calls).toBeGreaterThanOrEqual(6);
    expect(offenders).toEqual([]);
  });
});
