// Reading and writing a scenario by dotted path (`policies.incentives.pointsPerShare`), as `--set`, levers,
// interventions, forks and sweeps do. Paths come from users (flags, API bodies, files), so a path can only name data:
// the segments `__proto__`, `prototype` and `constructor` are refused, reads see own properties only, and a write
// builds new objects along the path instead of assigning into existing ones.
import { ScenarioError } from './scenario-error';

/** Segments no path may contain: they name an object's prototype machinery, never scenario data. */
export const FORBIDDEN_PATH_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/** Longest path accepted, in segments (the deepest scenario key is 5 deep; this leaves room for values). */
const MAX_PATH_SEGMENTS = 32;

const pathError = (source: string, path: string, message: string) => new ScenarioError(source, [{ path, message }]);

/** Why `key` may not be used as a key of user data (null when it may). */
export function forbiddenKeyReason(key: string): string | null {
  return FORBIDDEN_PATH_SEGMENTS.has(key) ? `"${key}" is not allowed as a key (it names an object's prototype, not scenario data)` : null;
}

/**
 * Splits `a.b[2].c` into `['a', 'b', 2, 'c']`. Throws a {@link ScenarioError} (from `source`) naming the path when a
 * segment is malformed or forbidden ({@link FORBIDDEN_PATH_SEGMENTS}).
 */
export function parsePath(path: string, source = 'path'): Array<string | number> {
  const parts: Array<string | number> = [];
  const segments = path.split('.');
  if (segments.length > MAX_PATH_SEGMENTS) throw pathError(source, path.slice(0, 80), `a path has at most ${MAX_PATH_SEGMENTS} segments, got ${segments.length}`);
  for (const segment of segments) {
    const match = /^([^[\]]+)((?:\[\d{1,9}\])*)$/.exec(segment);
    if (!match) throw pathError(source, path, `bad path segment "${segment}" (expected a key, optionally with list indices such as services[0])`);
    const forbidden = forbiddenKeyReason(match[1]);
    if (forbidden) throw pathError(source, path, forbidden);
    parts.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]));
  }
  return parts;
}

/** The value at a dotted path (own properties and list entries only), or undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of parsePath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current) ? typeof key !== 'number' || key >= current.length : !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * A copy of `value` with the dotted path set to `next`; the input is not changed. Objects and lists on the path are
 * rebuilt (missing ones created, a scalar in the way replaced by an object for the schema to report); everything off
 * the path is shared with the input. A list index may point at an entry or one past the end (append), never further:
 * `services[99999999]` would otherwise make a list of a hundred million holes for the validator to walk.
 */
export function setPath<T>(value: T, path: string, next: unknown, source = 'path'): T {
  const keys = parsePath(path, source);
  const write = (current: unknown, depth: number): unknown => {
    const key = keys[depth];
    const child = (from: unknown) => (depth === keys.length - 1 ? next : write(from, depth + 1));
    const where = keys.slice(0, depth).reduce<string>((text, k) => (typeof k === 'number' ? `${text}[${k}]` : text ? `${text}.${k}` : k), '') || 'the scenario';
    if (typeof key === 'number') {
      const list = current === undefined || current === null ? [] : current;
      if (!Array.isArray(list)) throw pathError(source, path, `${where} is not a list, so [${key}] does not apply`);
      if (key > list.length) throw pathError(source, path, `${where} has ${list.length} entries; [${key}] would leave a gap (append with [${list.length}])`);
      const copy = list.slice();
      copy[key] = child(list[key]);
      return copy;
    }
    if (Array.isArray(current)) throw pathError(source, path, `${where} is a list; index it (${where}[0]) instead of naming "${key}"`);
    const record = current !== null && typeof current === 'object' ? (current as Record<string, unknown>) : {};
    // A computed key in a literal defines an own property (never a setter call); the key was checked by parsePath.
    return { ...record, [key]: child(Object.hasOwn(record, key) ? record[key] : undefined) };
  };
  return write(value, 0) as T;
}
