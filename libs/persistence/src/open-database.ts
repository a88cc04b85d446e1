// Opens the database ready for use: connects, brings the schema up to date, and hands out the repositories.
import { DataSource } from 'typeorm';
import { createDataSource, type DatabaseOptions } from './data-source';
import { LedgerRepository } from './repositories/ledger.repository';
import { MetricsRepository } from './repositories/metrics.repository';
import { RunRepository, type RepositoryOptions } from './repositories/run.repository';

/** An open database: the DataSource and one instance of each repository. */
export interface Database {
  dataSource: DataSource;
  runs: RunRepository;
  metrics: MetricsRepository;
  ledger: LedgerRepository;
  /** Closes the connection (pool). The data stays where it is. */
  close(): Promise<void>;
}

/** Options of {@link openDatabase}: where the database is, plus the repositories' clock. */
export type OpenDatabaseOptions = DatabaseOptions & RepositoryOptions;

/**
 * Initialises the DataSource (a new one from `options`, or the one given), runs every pending migration, and
 * returns the repositories. Running it on an up-to-date database changes nothing.
 */
export async function openDatabase(source: OpenDatabaseOptions | DataSource = {}): Promise<Database> {
  const dataSource = source instanceof DataSource ? source : createDataSource(source);
  const repositoryOptions: RepositoryOptions = source instanceof DataSource ? {} : { now: source.now };
  if (!dataSource.isInitialized) await dataSource.initialize();
  try {
    await ensureSchema(dataSource);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return {
    dataSource,
    runs: new RunRepository(dataSource, repositoryOptions),
    metrics: new MetricsRepository(dataSource),
    ledger: new LedgerRepository(dataSource),
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
