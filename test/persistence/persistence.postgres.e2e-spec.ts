// The persistence conformance suite on a real PostgreSQL (DATABASE_URL_TEST, started by jest's global set-up); one
// schema per test, dropped afterwards.
import { createDataSource } from '@silolab/persistence';
import { testSchema } from '../support/postgres-schema';
import { describePersistenceConformance } from './persistence.conformance';

describePersistenceConformance('PostgreSQL', async () => {
  const { url, schema, drop } = testSchema('test');
  return { createDataSource: () => createDataSource({ url, schema }), dispose: drop };
});
