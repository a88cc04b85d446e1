// Reading and writing a scenario by dotted path (`policies.incentives.pointsPerShare`), as interventions and sweeps do.

/** Splits `a.b[2].c` into `['a', 'b', 2, 'c']`. */
export function parsePath(path: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const segment of path.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
    if (!match) throw new Error(`bad path segment "${segment}" in "${path}"`);
    parts.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]));
  }
  return parts;
}

/** The value at a dotted path, or undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of parsePath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** A deep copy of `value` with the dotted path set (intermediate objects are created). The input is not changed. */
export function setPath<T>(value: T, path: string, next: unknown): T {
  const copy = structuredClone(value) as unknown;
  const keys = parsePath(path);
  let current = copy as Record<string | number, unknown>;
  keys.slice(0, -1).forEach((key, index) => {
    if (current[key] === undefined || current[key] === null || typeof current[key] !== 'object') {
      current[key] = typeof keys[index + 1] === 'number' ? [] : {};
    }
    current = current[key] as Record<string | number, unknown>;
  });
  current[keys[keys.length - 1]] = next;
  return copy as T;
}
