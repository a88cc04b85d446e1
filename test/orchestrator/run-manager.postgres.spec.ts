// The run manager on a real PostgreSQL (DATABASE_URL_TEST, started by jest's global set-up); one schema per test.
// No DATABASE_URL_TEST, or a server that does not answer, fails the suite: it never silently skips.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeRunManager } from './run-manager.conformance';

const url = process.env.DATABASE_URL_TEST;

describeRunManager('PostgreSQL', async () => {
  if (!url) throw new Error('DATABASE_URL_TEST is not set: the run manager suite needs a real PostgreSQL');
  const schema = `silolab_orch_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    options: { url, schema },
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
