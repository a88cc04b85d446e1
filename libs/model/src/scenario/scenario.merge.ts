// `extends:` — a scenario file may start from another one and change only what differs.

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Deep merge of scenario inputs: objects merge key by key, everything else (lists included) is replaced. */
export function mergeScenarioInput(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = key in base ? mergeScenarioInput(base[key], value) : value;
  return merged;
}
