// Field checks shared by the repositories. They run before anything is written, so that SQLite (which would store
// a too-long string or a float in an integer column) and PostgreSQL (which would reject them) behave the same.
import { PersistenceError } from '../persistence.error';

/** Longest identifier-like string stored (`varchar(255)` in the schema). */
export const MAX_KEY_LENGTH = 255;

function invalid(place: string, expected: string, value: unknown): never {
  throw new PersistenceError('INVALID_RECORD', `${place}: expected ${expected}, got ${describe(value)}`);
}

/** Short, safe description of a bad value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** A plain object (the record a repository is given). */
export function requireObject(value: unknown, place: string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(place, 'an object', value);
}

/** A non-empty string of at most `maxLength` characters. */
export function requireKey(value: unknown, place: string, maxLength = MAX_KEY_LENGTH): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    invalid(place, `a non-empty string of at most ${maxLength} characters`, value);
  }
  return value;
}

/** `null`, or a non-empty string of at most `maxLength` characters. */
export function optionalKey(value: unknown, place: string, maxLength = MAX_KEY_LENGTH): string | null {
  return value === null || value === undefined ? null : requireKey(value, place, maxLength);
}

/** Any string (free text such as an error message). */
export function requireText(value: unknown, place: string): string {
  if (typeof value !== 'string') invalid(place, 'a string', value);
  return value;
}

/** Largest value of an `integer` column (PostgreSQL's int4; SQLite would store more, so the check keeps them equal). */
export const MAX_INT32 = 2_147_483_647;

/** A safe integer from `min` to `max`. Columns of type `integer` pass `MAX_INT32`; `bigint` ones keep the default. */
export function requireInteger(value: unknown, place: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    invalid(place, max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`, value);
  }
  return value;
}

/** `null`, or a safe integer from `min` to `max`. */
export function optionalInteger(value: unknown, place: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | null {
  return value === null || value === undefined ? null : requireInteger(value, place, min, max);
}

/** A finite number no smaller than `min`. */
export function requireFinite(value: unknown, place: string, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    invalid(place, min === -Infinity ? 'a finite number' : `a finite number ≥ ${min}`, value);
  }
  return value;
}

/** A boolean. */
export function requireBoolean(value: unknown, place: string): boolean {
  if (typeof value !== 'boolean') invalid(place, 'true or false', value);
  return value;
}

/** One of the listed values. */
export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], place: string): T {
  if (!allowed.includes(value as T)) invalid(place, `one of ${allowed.join(', ')}`, value);
  return value as T;
}

/**
 * An ISO-8601 timestamp, normalised to `YYYY-MM-DDTHH:mm:ss.sssZ` so that text order is time order in both databases.
 */
export function requireTimestamp(value: unknown, place: string): string {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) invalid(place, 'an ISO-8601 timestamp', value);
  return new Date(time).toISOString();
}

/** An array (the batch a repository appends). */
export function requireArray(value: unknown, place: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) invalid(place, 'an array of records', value);
}
