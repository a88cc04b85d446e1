// JSON columns are stored as text (portable between SQLite and PostgreSQL). These helpers make sure what is stored
// reads back as what was given: JSON.stringify would silently turn NaN into null and drop undefined.
import { PersistenceError } from '../persistence.error';
import { describe } from './fields';

/** Serialises a plain JSON object, rejecting anything that would not read back identically; names the bad path. */
export function toJsonText(value: unknown, place: string): string {
  if (!isPlainObject(value)) {
    throw new PersistenceError('INVALID_RECORD', `${place}: expected a plain JSON object, got ${describe(value)}`);
  }
  assertJsonValue(value, place, new Set());
  return JSON.stringify(value);
}

/**
 * Serialises a flat map of metric name to finite number with sorted keys, so equal metrics give equal text.
 * Rejects NaN and ±Infinity naming the key.
 */
export function toMetricsText(metrics: unknown, place: string): string {
  if (!isPlainObject(metrics)) {
    throw new PersistenceError('INVALID_RECORD', `${place}: expected an object of metric values, got ${describe(metrics)}`);
  }
  const sorted: Record<string, number> = {};
  for (const key of Object.keys(metrics).sort()) {
    const value = metrics[key];
    if (key.length === 0) throw new PersistenceError('INVALID_RECORD', `${place}: metric names must not be empty`);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new PersistenceError(
        'INVALID_RECORD',
        `${place}: metric '${key}' must be a finite number, got ${describe(value)}`,
      );
    }
    sorted[key] = value;
  }
  return JSON.stringify(sorted);
}

/** Parses a stored JSON object column. */
export function fromJsonText<T = Record<string, unknown>>(text: string): T {
  return JSON.parse(text) as T;
}

/** An object literal or a null-prototype object, from any realm (records come from worker threads too). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function assertJsonValue(value: unknown, path: string, seen: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
  } else if (Array.isArray(value) || isPlainObject(value)) {
    if (seen.has(value)) throw new PersistenceError('INVALID_RECORD', `${path}: circular reference`);
    seen.add(value);
    if (Array.isArray(value)) value.forEach((item, index) => assertJsonValue(item, `${path}[${index}]`, seen));
    else for (const [key, item] of Object.entries(value)) assertJsonValue(item, `${path}.${key}`, seen);
    seen.delete(value);
    return;
  }
  throw new PersistenceError('INVALID_RECORD', `${path}: expected a JSON value, got ${describe(value)}`);
}
