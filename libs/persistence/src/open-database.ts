// Opens the database ready for use: connects, brings the schema up to date, and hands out the repositories.
import { DataSource } from 'typeorm';
import { checkSqliteFile, markSqliteFile } from './database-check';
import type { DatabaseCondition } from './database-condition';
import { conditionOf, createDataSource, type DatabaseOptions } from './data-source';
import { LedgerRepository } from './repositories/ledger.repository';
import { MetricsRepository } from './repositories/metrics.repository';
import { OpmonRepository } from './repositories/opmon.repository';
import { RunRepository, type RepositoryOptions } from './repositories/run.repository';
import { SeatDecisionRepository } from './repositories/seat-decision.repository';

/** An open database: the DataSource and one instance of each repository. */
export interface Database {
  dataSource: DataSource;
  runs: RunRepository;
  metrics: MetricsRepository;
  ledger: LedgerRepository;
  opmon: OpmonRepository;
  /** Workshop seats' decisions, stored as they are made. */
  decisions: SeatDecisionRepository;
  /** Damage met by queries since it was opened (health reports it). */
  condition: DatabaseCondition;
  /** Closes the connection (pool). The data stays where it is. */
  close(): Promise<void>;
}

/** Options of {@link openDatabase}: where the database is, plus the repositories' clock. */
export type OpenDatabaseOptions = DatabaseOptions & RepositoryOptions;

/**
 * Initialises the DataSource (a new one from `options`, or the one given), runs every pending migration, and
 * returns the repositories. Running it on an up-to-date database changes nothing. A SQLite file is checked first
 * ({@link checkSqliteFile}: an emptied, truncated or garbled database throws `DATABASE_MISSING` or
 * `DATABASE_DAMAGED` and is left as it was) and marked as created once open.
 */
export async function openDatabase(source: OpenDatabaseOptions | DataSource = {}): Promise<Database> {
  const dataSource = source instanceof DataSource ? source : createDataSource(source);
  const repositoryOptions: RepositoryOptions = source instanceof DataSource ? {} : { now: source.now };
  const sqliteFile = dataSource.options.type === 'better-sqlite3' && dataSource.options.database !== ':memory:' ? (dataSource.options.database as string) : null;
  if (sqliteFile && !dataSource.isInitialized) checkSqliteFile(sqliteFile);
  if (!dataSource.isInitialized) await dataSource.initialize();
  try {
    await ensureSchema(dataSource);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  if (sqliteFile) markSqliteFile(sqliteFile);
  return {
    dataSource,
    runs: new RunRepository(dataSource, repositoryOptions),
    metrics: new MetricsRepository(dataSource),
    ledger: new LedgerRepository(dataSource),
    opmon: new OpmonRepository(dataSource),
    decisions: new SeatDecisionRepository(dataSource),
    condition: conditionOf(dataSource),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** PostgreSQL with a `schema` option: create the schema first (migrations create tables, not schemas). */
async function ensureSchema(dataSource: DataSource): Promise<void> {
  const options = dataSource.options;
  if (options.type !== 'postgres' || !options.schema) return;
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.createSchema(options.schema, true);
  } finally {
    await queryRunner.release();
  }
}
