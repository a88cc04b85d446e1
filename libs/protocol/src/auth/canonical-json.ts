// Canonical JSON: object keys sorted at every level, so equal values serialise to equal text (for signatures).

/**
 * JSON text of `value` with object keys in code-unit order at every level; arrays keep their
 * order, `undefined` object members are dropped (as JSON.stringify does). Signatures are computed
 * over this text, so sender and receiver agree on it whatever key order the wire used.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(item as object).sort()) sorted[key] = (item as Record<string, unknown>)[key];
      return sorted;
    }
    return item;
  });
}
