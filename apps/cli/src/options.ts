// Parsers for command-line values: each rejects bad input with a message naming the flag and what was expected.
import { InvalidArgumentError } from 'commander';
import { AssignmentError, parseAssignment as assignment } from '@silolab/runner';

/** A non-negative safe integer (seeds, tick numbers, warm-up ticks). */
export function parseNonNegativeInt(value: string): number {
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

/** `path=value` pairs (repeatable flags): {@link assignment} of @silolab/runner, refused as a bad flag value. */
export function parseAssignment(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  try {
    return assignment(value, previous);
  } catch (error) {
    if (error instanceof AssignmentError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** One of a fixed set of words. */
export function oneOf<T extends string>(...choices: T[]): (value: string) => T {
  return (value: string) => {
    if (!(choices as string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got "${value}"`);
    return value as T;
  };
}
