// How deep a parsed input (a JSON body, a YAML document) nests: bounded before anything walks it recursively.

/** Deepest nesting of objects and lists accepted in a scenario or request value (scenarios nest 5 deep). */
export const MAX_INPUT_DEPTH = 64;

/**
 * The dotted path of the first place where `value` nests deeper than `max` levels, or null. Iterative, so a
 * 50,000-deep JSON body is measured without a deep call stack; shared references (YAML aliases) are visited once.
 */
export function tooDeepAt(value: unknown, max = MAX_INPUT_DEPTH): string | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    if (depth >= max) return path || '(root)';
    seen.add(current);
    for (const [key, child] of Object.entries(current)) {
      stack.push({ value: child, depth: depth + 1, path: Array.isArray(current) ? `${path}[${key}]` : path ? `${path}.${key}` : key });
    }
  }
  return null;
}
