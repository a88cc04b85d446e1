// Builds the TypeORM DataSource: PostgreSQL when a URL is given, otherwise SQLite in a file under the data folder.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { PERSISTENCE_ENTITIES } from './entities';
import { PERSISTENCE_MIGRATIONS } from './migrations';
import { ConditionLogger, DatabaseCondition } from './database-condition';
import { PersistenceError } from './persistence.error';

/** Where and how to open the database. Every field is optional. */
export interface DatabaseOptions {
  /** PostgreSQL URL (`postgres://user@host:port/db`). Default: env `DATABASE_URL`, unless `sqlitePath` is given. */
  url?: string;
  /** SQLite file. Default: `$SILOLAB_DATA_DIR/silolab.sqlite`, or `<project>/data/silolab.sqlite`. */
  sqlitePath?: string;
  /** PostgreSQL only: the schema to keep SiloLab's tables in (created if missing). Default: the server's `public`. */
  schema?: string;
  /** Log every SQL statement. Default: false. */
  logging?: boolean;
}

/** The database an options object resolves to. */
export type DatabaseTarget = { type: 'postgres'; url: string; schema?: string } | { type: 'sqlite'; path: string };

/**
 * Resolves options to a database: an explicit `url` wins, then an explicit `sqlitePath`, then env `DATABASE_URL`,
 * then the default SQLite file.
 */
export function resolveDatabaseTarget(options: DatabaseOptions = {}, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = options.url ?? (options.sqlitePath === undefined ? env.DATABASE_URL : undefined);
  if (url) {
    if (options.schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(options.schema)) {
      throw new PersistenceError(
        'INVALID_OPTIONS',
        `database options: schema must be a plain SQL identifier (letters, digits, _), got ${JSON.stringify(options.schema)}`,
      );
    }
    return { type: 'postgres', url, ...(options.schema ? { schema: options.schema } : {}) };
  }
  return { type: 'sqlite', path: path.resolve(options.sqlitePath ?? defaultSqlitePath(env)) };
}

/** `$SILOLAB_DATA_DIR/silolab.sqlite`, or `<project>/data/silolab.sqlite` when the variable is unset. */
export function defaultSqlitePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.SILOLAB_DATA_DIR || path.join(projectRoot(), 'data'), 'silolab.sqlite');
}

const conditions = new WeakMap<DataSource, DatabaseCondition>();

/** The damage queries on `dataSource` have met so far (for one not made by {@link createDataSource}: none recorded). */
export function conditionOf(dataSource: DataSource): DatabaseCondition {
  let condition = conditions.get(dataSource);
  if (!condition) conditions.set(dataSource, (condition = new DatabaseCondition()));
  return condition;
}

/**
 * Creates (does not initialise) a DataSource with SiloLab's entities and migrations. `synchronize` is off: the schema
 * comes only from the migrations, which {@link openDatabase} runs. Every failed query is seen by its
 * {@link conditionOf} (damage is reported by health).
 */
export function createDataSource(options: DatabaseOptions = {}): DataSource {
  const target = resolveDatabaseTarget(options);
  const condition = new DatabaseCondition();
  const common = {
    entities: PERSISTENCE_ENTITIES,
    migrations: PERSISTENCE_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: new ConditionLogger(condition, options.logging ?? false),
    // A null or undefined in a where clause is a bug here, never "match everything".
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
  } satisfies Partial<DataSourceOptions>;

  if (target.type === 'postgres') {
    return withCondition(new DataSource({
      ...common,
      type: 'postgres',
      url: target.url,
      ...(target.schema
        ? { schema: target.schema, extra: { options: `-c search_path=${target.schema}` } }
        : {}),
    }), condition);
  }
  mkdirSync(path.dirname(target.path), { recursive: true });
  // WAL lets readers (the dashboard, `silolab export`) read while a run writes.
  return withCondition(new DataSource({ ...common, type: 'better-sqlite3', database: target.path, enableWAL: true }), condition);
}

function withCondition(dataSource: DataSource, condition: DatabaseCondition): DataSource {
  conditions.set(dataSource, condition);
  return dataSource;
}

let cachedRoot: string | undefined;

/** The folder holding SiloLab's package.json (found upwards from this file, so it also works from dist/). */
function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === 'silolab') return (cachedRoot = dir);
    if (path.dirname(dir) === dir) return (cachedRoot = process.cwd());
  }
}

function readPackageName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
