// Parsers for command-line values: each rejects bad input with a message naming the flag and what was expected.
import { InvalidArgumentError } from 'commander';

/** A non-negative safe integer (seeds). */
export function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return n;
}

/** A positive integer (tick counts, worker counts). */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

/** `path=value` pairs; the value is parsed as JSON when it can be (numbers, booleans, quoted strings), else kept as text. */
export function parseAssignment(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected path=value (e.g. policies.incentives.pointsPerShare=2), got "${value}"`);
  const path = value.slice(0, eq).trim();
  const raw = value.slice(eq + 1).trim();
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = raw;
  }
  return { ...previous, [path]: parsed };
}

/** One of a fixed set of words. */
export function oneOf<T extends string>(...choices: T[]): (value: string) => T {
  return (value: string) => {
    if (!(choices as string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got "${value}"`);
    return value as T;
  };
}
