// Public surface of @silolab/persistence: record types, repositories, the database factory, migrations, Nest module.
export * from './records/run.record';
export * from './records/tick-metrics.record';
export * from './records/ledger.record';
export * from './persistence.error';
export { isLocalOwnerAlive, type OwnerLiveness } from './owner-liveness';
export { createDataSource, defaultSqlitePath, resolveDatabaseTarget, type DatabaseOptions, type DatabaseTarget } from './data-source';
export { openDatabase, type Database, type OpenDatabaseOptions } from './open-database';
export { ORPHANED_RUN_ERROR, RunRepository, type RepositoryOptions, type RunListOptions } from './repositories/run.repository';
export { MetricsRepository } from './repositories/metrics.repository';
export { LedgerRepository, MAX_LEDGER_PAGE } from './repositories/ledger.repository';
export type { AppendResult } from './repositories/keyed-append';
export type { RunOwner } from './validation/run.validation';
export { runMapper } from './mappers/run.mapper';
export { tickMetricsMapper } from './mappers/tick-metrics.mapper';
export { ledgerHeadMapper, ledgerRowMapper } from './mappers/ledger.mapper';
export * from './entities';
export * from './migrations';
export { DATABASE, PersistenceModule } from './persistence.module';
