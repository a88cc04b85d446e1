// `path=value` text, as `silolab run --set` and the sweep commands take it, turned into an override map entry.

/** Text that is not `path=value`. */
export class AssignmentError extends Error {}

/**
 * Adds one `path=value` pair to `previous` (a new object). The value is parsed as JSON when it can be (numbers,
 * booleans, quoted strings), else kept as text. The path is not checked here: `applyOverrides` refuses paths that
 * name no scenario value (and `__proto__`, `prototype`, `constructor`) with the location.
 */
export function parseAssignment(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new AssignmentError(`expected path=value (e.g. policies.incentives.pointsPerShare=2), got "${value}"`);
  const path = value.slice(0, eq).trim();
  const raw = value.slice(eq + 1).trim();
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = raw;
  }
  // A computed key defines an own property, also for "__proto__" (no prototype setter runs).
  return { ...previous, [path]: parsed };
}
