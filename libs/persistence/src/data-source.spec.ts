import path from 'node:path';
import { isPersistenceError } from './persistence.error';
import { createDataSource, defaultSqlitePath, resolveDatabaseTarget } from './data-source';
import { PERSISTENCE_MIGRATIONS } from './migrations';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

describe('resolveDatabaseTarget', () => {
  it('uses PostgreSQL when a url is given, whatever the environment says', () => {
    expect(resolveDatabaseTarget({ url: 'postgres://a@h/db' }, { DATABASE_URL: 'postgres://b@h/other' })).toEqual({
      type: 'postgres',
      url: 'postgres://a@h/db',
    });
  });

  it('uses DATABASE_URL when neither a url nor a SQLite path is given', () => {
    expect(resolveDatabaseTarget({ schema: 'lab' }, { DATABASE_URL: 'postgres://b@h/db' })).toEqual({
      type: 'postgres',
      url: 'postgres://b@h/db',
      schema: 'lab',
    });
  });

  it('prefers an explicit SQLite path over DATABASE_URL', () => {
    expect(resolveDatabaseTarget({ sqlitePath: 'x/run.sqlite' }, { DATABASE_URL: 'postgres://b@h/db' })).toEqual({
      type: 'sqlite',
      path: path.resolve('x/run.sqlite'),
    });
  });

  it('defaults to data/silolab.sqlite in the project folder', () => {
    expect(resolveDatabaseTarget({}, {})).toEqual({ type: 'sqlite', path: path.join(PROJECT_ROOT, 'data', 'silolab.sqlite') });
    expect(resolveDatabaseTarget({}, { DATABASE_URL: '' })).toEqual({ type: 'sqlite', path: defaultSqlitePath({}) });
  });

  it('keeps the default SQLite file in SILOLAB_DATA_DIR when it is set', () => {
    expect(defaultSqlitePath({ SILOLAB_DATA_DIR: '/srv/silolab' })).toBe(path.join('/srv/silolab', 'silolab.sqlite'));
  });

  it('rejects a PostgreSQL schema that is not a plain identifier, naming it', () => {
    let caught: unknown;
    try {
      resolveDatabaseTarget({ url: 'postgres://a@h/db', schema: 'lab; drop table runs' });
    } catch (error) {
      caught = error;
    }
    expect(isPersistenceError(caught, 'INVALID_OPTIONS')).toBe(true);
    expect((caught as Error).message).toContain('lab; drop table runs');
  });
});

describe('createDataSource', () => {
  it('never synchronises the schema from the entities: migrations own it', () => {
    const dataSource = createDataSource({ url: 'postgres://a@h/db' });
    expect(dataSource.options.synchronize).toBe(false);
    expect(dataSource.options.migrations).toEqual(PERSISTENCE_MIGRATIONS);
  });
});
