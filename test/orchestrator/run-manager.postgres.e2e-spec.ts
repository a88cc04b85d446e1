// The run manager on a real PostgreSQL (DATABASE_URL_TEST, started by jest's global set-up); one schema per test.
import { testSchema } from '../support/postgres-schema';
import { describeRunManager } from './run-manager.conformance';

describeRunManager('PostgreSQL', async () => {
  const { url, schema, drop } = testSchema('orch');
  return { options: { url, schema }, dispose: drop };
});
