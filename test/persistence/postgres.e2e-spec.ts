// The persistence conformance suite on a real PostgreSQL (DATABASE_URL_TEST, started by jest's global set-up).
// Each test gets its own schema, dropped afterwards, so parallel workers and repeated runs never collide.
// No DATABASE_URL_TEST, or a server that does not answer, fails the suite: it never silently skips.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '@silolab/persistence';
import { describePersistenceConformance } from './persistence.conformance';

const url = process.env.DATABASE_URL_TEST;

describePersistenceConformance('PostgreSQL', async () => {
  if (!url) throw new Error('DATABASE_URL_TEST is not set: the PostgreSQL conformance suite needs a real server');
  const schema = `silolab_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    createDataSource: () => createDataSource({ url, schema }),
    dispose: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
});
