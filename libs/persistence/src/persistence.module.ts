// Nest module that opens the database once and provides the repositories to the orchestrator and other Nest apps.
//
// Why there is no `@Module()` decorator and only type imports from `@nestjs/common`: NestJS 12 ships as ES modules
// only, and this monorepo compiles to CommonJS. Node ≥ 20.19 can require() them, but Jest's CommonJS runtime cannot,
// so any lib that loads `@nestjs/common` at run time breaks every test that imports it. A dynamic module does not need
// the decorator (Nest reads `providers` / `exports` from the object `forRoot` returns), so this file stays loadable
// everywhere while still being an ordinary Nest module for the apps.
import type { DynamicModule, FactoryProvider, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDatabase, type Database, type OpenDatabaseOptions } from './open-database';
import { LedgerRepository } from './repositories/ledger.repository';
import { MetricsRepository } from './repositories/metrics.repository';
import { RunRepository } from './repositories/run.repository';

/** Injection token of the open {@link Database}. The repositories and `DataSource` are provided under their classes. */
export const DATABASE = Symbol('silolab.persistence.database');
/** Injection token of the provider that closes the database when the application shuts down. */
const DATABASE_CLOSER = Symbol('silolab.persistence.database-closer');

/**
 * `PersistenceModule.forRoot(options)` opens the database (running pending migrations) when the app starts and closes
 * it on `app.close()`. It provides {@link RunRepository}, {@link MetricsRepository}, {@link LedgerRepository},
 * TypeORM's `DataSource` and {@link DATABASE}, globally. Plain factory providers: the repositories are our own
 * classes, not TypeORM `Repository` objects, so `@nestjs/typeorm`'s module would add only a second way to configure
 * the connection (the package is installed for terminus's TypeORM health indicator).
 */
export class PersistenceModule {
  static forRoot(options: OpenDatabaseOptions = {}): DynamicModule {
    return PersistenceModule.providing(() => openDatabase(options));
  }

  /**
   * The same module over a database opened beforehand — so that a damaged or missing database stops start-up with its
   * own message before Nest starts (the orchestrator opens it first). Closed on `app.close()` like the other.
   */
  static forDatabase(database: Database): DynamicModule {
    return PersistenceModule.providing(async () => database);
  }

  private static providing(open: () => Promise<Database>): DynamicModule {
    const fromDatabase = <T>(provide: FactoryProvider['provide'], pick: (database: Database) => T): FactoryProvider<T> => ({
      provide,
      inject: [DATABASE],
      useFactory: pick,
    });
    const providers: FactoryProvider[] = [
      { provide: DATABASE, useFactory: open },
      // Nest calls `onApplicationShutdown` on provider values too; users of the repositories finish their work in
      // `beforeApplicationShutdown` (the orchestrator's run manager does), which Nest runs before any of these.
      fromDatabase(DATABASE_CLOSER, (database): OnApplicationShutdown => ({ onApplicationShutdown: () => database.close() })),
      fromDatabase(DataSource, (database) => database.dataSource),
      fromDatabase(RunRepository, (database) => database.runs),
      fromDatabase(MetricsRepository, (database) => database.metrics),
      fromDatabase(LedgerRepository, (database) => database.ledger),
    ];
    return { module: PersistenceModule, global: true, providers, exports: providers.map((provider) => provider.provide).filter((token) => token !== DATABASE_CLOSER) };
  }
}
