// Whether the database has shown damage since it was opened: every failed query passes through here (TypeORM's
// logger), so health can report a damaged database as soon as any request has met a damaged page.
import { AdvancedConsoleLogger, type Logger, type QueryRunner } from 'typeorm';

/** SQLite and PostgreSQL error codes that mean stored data is damaged (not a bad query). */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB', 'XX001', 'XX002']);

/** True when `error` (a driver error, or TypeORM's QueryFailedError around one) reports damaged data. */
export function isDatabaseDamage(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ?? (error as { code?: unknown })?.code;
  return typeof code === 'string' && DAMAGE_CODES.has(code);
}

/** The first damage any query met since the database was opened, or null. */
export class DatabaseCondition {
  damage: string | null = null;

  record(error: unknown): void {
    if (this.damage === null && isDatabaseDamage(error)) this.damage = (error as Error).message;
  }
}

/** A TypeORM logger that notes damage in a {@link DatabaseCondition}, and logs as `logging: true` would when asked. */
export class ConditionLogger implements Logger {
  private readonly inner: Logger | null;

  constructor(
    private readonly condition: DatabaseCondition,
    logging: boolean,
  ) {
    this.inner = logging ? new AdvancedConsoleLogger('all') : null;
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.condition.record(error);
    this.inner?.logQueryError(error, query, parameters, queryRunner);
  }

  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.inner?.logQuery(query, parameters, queryRunner);
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.inner?.logQuerySlow(time, query, parameters, queryRunner);
  }

  logSchemaBuild(message: string, queryRunner?: QueryRunner): void {
    this.inner?.logSchemaBuild(message, queryRunner);
  }

  logMigration(message: string, queryRunner?: QueryRunner): void {
    this.inner?.logMigration(message, queryRunner);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, queryRunner?: QueryRunner): void {
    this.inner?.log(level, message, queryRunner);
  }
}
