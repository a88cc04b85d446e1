// Starts a real Nest application context with PersistenceModule.forRoot({ sqlitePath: argv[2] }), creates a run through
// the injected RunRepository, closes the app and prints what it saw as one JSON line.
// It runs in a child process because NestJS 12 is ESM-only: Node ≥ 20.19 can require() it, Jest's runtime cannot.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = root;
// A minimal TypeScript loader with the project's SWC settings (decorators and their metadata included).
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false, sourceMaps: false });
  module._compile(code, filename);
};

require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { DataSource } = require('typeorm');
const persistence = require(path.join(root, 'libs/persistence/src/index.ts'));

async function main() {
  const app = await NestFactory.createApplicationContext(persistence.PersistenceModule.forRoot({ sqlitePath: process.argv[2] }), {
    logger: false,
  });
  const runs = app.get(persistence.RunRepository);
  const dataSource = app.get(DataSource);
  const run = await runs.create({ id: 'nest-run', scenarioName: 'baseline-silos', scenarioHash: 'h', seed: 7, ticks: 3, transport: 'inproc' });
  const seen = {
    status: run.status,
    metricsIsRepository: app.get(persistence.MetricsRepository) instanceof persistence.MetricsRepository,
    ledgerIsRepository: app.get(persistence.LedgerRepository) instanceof persistence.LedgerRepository,
    sweepsIsRepository: app.get(persistence.SweepRepository) instanceof persistence.SweepRepository,
    openBeforeClose: dataSource.isInitialized,
  };
  await app.close();
  process.stdout.write(JSON.stringify({ ...seen, openAfterClose: dataSource.isInitialized }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
