// PersistenceModule in a real Nest application context, run in a Nest process (test/support/nest-process.ts): creates a
// run through the injected RunRepository, closes the app and reports what it saw.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { LedgerRepository, MetricsRepository, PersistenceModule, RunRepository } from '@silolab/persistence';
import { DataSource } from 'typeorm';

/** What the app context provided, and whether the database was open before and after `app.close()`. */
export interface PersistenceAppObservation {
  status: string;
  metricsIsRepository: boolean;
  ledgerIsRepository: boolean;
  openBeforeClose: boolean;
  openAfterClose: boolean;
}

export async function persistenceApp(args: { sqlitePath: string }): Promise<PersistenceAppObservation> {
  const app = await NestFactory.createApplicationContext(PersistenceModule.forRoot({ sqlitePath: args.sqlitePath }), { logger: false });
  const dataSource = app.get(DataSource);
  const run = await app.get(RunRepository).create({ id: 'nest-run', scenarioName: 'baseline-silos', scenarioHash: 'h', seed: 7, ticks: 3, transport: 'inproc' });
  const seen = {
    status: run.status,
    metricsIsRepository: app.get(MetricsRepository) instanceof MetricsRepository,
    ledgerIsRepository: app.get(LedgerRepository) instanceof LedgerRepository,
    openBeforeClose: dataSource.isInitialized,
  };
  await app.close();
  return { ...seen, openAfterClose: dataSource.isInitialized };
}
