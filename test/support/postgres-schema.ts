// A schema of its own on the test PostgreSQL (DATABASE_URL_TEST, started by Jest's global set-up) for one test, so
// parallel workers and repeated runs never collide. No DATABASE_URL_TEST fails the test: it never silently skips.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server's URL, a fresh schema name, and how to drop the schema afterwards. */
export interface TestSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

/** A new schema name `silolab_<label>_<pid>_<random>` on the test server (created by whoever connects first). */
export function testSchema(label: string): TestSchema {
  const url = process.env.DATABASE_URL_TEST;
  if (!url) throw new Error('DATABASE_URL_TEST is not set: this suite needs a real PostgreSQL (test/global-setup.js starts one)');
  const schema = `silolab_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    url,
    schema,
    drop: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
