/** The REGIE_E2E_STORE switch that runs the e2e suites a second time on PostgreSQL. */
import { Client } from 'pg';
import { e2eStoreKind, e2eStores } from '../support/e2e-store';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';
import { tempDir } from '../support/temp-dir';

const exists = async (databaseUrl: string): Promise<boolean> => {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(databaseUrl).pathname.slice(1)]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
};

describe('REGIE_E2E_STORE', () => {
  const postgres = { ...process.env, REGIE_E2E_STORE: 'postgres' };

  it('unset or sqlite: the embedded default, nothing overridden; anything else is refused', async () => {
    expect(e2eStoreKind({})).toBe('sqlite');
    expect(e2eStoreKind({ REGIE_E2E_STORE: 'sqlite' })).toBe('sqlite');
    expect(() => e2eStoreKind({ REGIE_E2E_STORE: 'mongo' })).toThrow(/REGIE_E2E_STORE/);
    expect((await e2eStores({}, {})).overrides).toEqual({});
  });

  it('postgres: both stores on a fresh database per app, dropped when the app closes', async () => {
    const [one, two] = await Promise.all([e2eStores({}, postgres), e2eStores({}, postgres)]);
    expect(one.overrides).toEqual({ EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: one.databaseUrl });
    expect(one.databaseUrl).not.toBe(two.databaseUrl);
    expect(await exists(one.databaseUrl!)).toBe(true);
    await Promise.all([one.dispose(), two.dispose()]);
    expect(await exists(one.databaseUrl!)).toBe(false);
  });

  it("postgres: a caller's DATABASE_URL is used and kept; the same DATA_DIR again gets the same database (a restart)", async () => {
    const url = await freshDatabase(testDatabaseUrl());
    const given = await e2eStores({ DATABASE_URL: url }, postgres);
    expect(given.databaseUrl).toBe(url);
    await given.dispose();
    expect(await exists(url)).toBe(true);

    const dir = tempDir();
    const first = await e2eStores({ DATA_DIR: dir.path }, postgres);
    await first.dispose();
    const again = await e2eStores({ DATA_DIR: dir.path }, postgres);
    expect(again.databaseUrl).toBe(first.databaseUrl);
    expect(await exists(again.databaseUrl!)).toBe(true);
    dir.remove();
  });

  it('postgres: an explicit EVENT_STORE or READ_STORE wins over the switch', async () => {
    expect((await e2eStores({ EVENT_STORE: 'sqlite' }, postgres)).overrides).toEqual({});
    expect((await e2eStores({ READ_STORE: 'sqlite' }, postgres)).kind).toBe('sqlite');
  });
});
