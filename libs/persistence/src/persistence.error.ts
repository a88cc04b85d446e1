// The errors the repositories raise, each with a stable code that callers can branch on.

/** Stable codes of {@link PersistenceError}. */
export const PERSISTENCE_ERROR_CODES = [
  /** A record failed validation (missing field, NaN metric, string too long…); nothing was written. */
  'INVALID_RECORD',
  /** The run id names no stored run. */
  'RUN_NOT_FOUND',
  /** A run with this id is already stored. */
  'RUN_EXISTS',
  /** The run's current status does not allow the change (e.g. completing a failed run). */
  'INVALID_TRANSITION',
  /** A re-appended record differs from the one already stored under the same key. */
  'CONFLICTING_RECORD',
  /** The database options are unusable (e.g. an invalid schema name). */
  'INVALID_OPTIONS',
  /** The database file is not a whole database (truncated, garbled): start-up stops; nothing was changed. */
  'DATABASE_DAMAGED',
  /** The database file is gone or empty where SiloLab had created one: start-up stops rather than start empty. */
  'DATABASE_MISSING',
] as const;
export type PersistenceErrorCode = (typeof PERSISTENCE_ERROR_CODES)[number];

/**
 * Raised by the persistence layer for bad input or an impossible change. When it is raised, the write it belongs to
 * has been rolled back: no part of the batch is stored.
 */
export class PersistenceError extends Error {
  override readonly name = 'PersistenceError';

  constructor(
    readonly code: PersistenceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True when `error` is a {@link PersistenceError}, with the given code if one is named. */
export function isPersistenceError(error: unknown, code?: PersistenceErrorCode): error is PersistenceError {
  return error instanceof PersistenceError && (code === undefined || error.code === code);
}
