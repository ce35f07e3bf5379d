/**
 * PostgreSQL drops the read store's connections (a restart, a failover, an operator's
 * pg_terminate_backend): the instance must survive it, say so on /health while it lasts, and answer
 * again as soon as the database takes connections.
 */
import { Client } from 'pg';
import { dropDatabase } from '../support/e2e-store';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';
import { bodyOf } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/** What /health and /health/ready answer (Terminus): each indicator's result under its name. */
type HealthReport = { info: Record<string, Record<string, unknown>>; details: Record<string, Record<string, unknown>> };

describe('the read store on PostgreSQL losing its connections', () => {
  let t: TestApp;
  let databaseUrl: string;
  let admin: Client;
  let database: string;
  let adminToken: string;

  beforeAll(async () => {
    databaseUrl = await freshDatabase(testDatabaseUrl());
    database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    t = await startTestApp({ EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: databaseUrl });
    adminToken = await t.token({ sub: 'ops', roles: ['admin'] });
    admin = new Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await t?.close();
    await dropDatabase(testDatabaseUrl(), databaseUrl);
  });

  /** Ends the app's connections to its database; answers how many of the read store's were ended. */
  const terminate = async (): Promise<number> => {
    // Listed first, then terminated: in one WHERE the planner may call pg_terminate_backend before the filter.
    const { rows } = await admin.query<{ pid: number; app: string }>(
      'SELECT pid, application_name AS app FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [rows.map((r) => r.pid)]);
    return rows.filter((r) => r.app === 'regie-read-store').length;
  };

  const register = (name: string) => t.http().post('/api/partners').set('Authorization', `Bearer ${adminToken}`).send({ name, kind: 'police' });

  it('/health reports the read store next to the event store', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(bodyOf<HealthReport>(res).info).toMatchObject({ eventStore: { status: 'up' }, readStore: { status: 'up', dialect: 'postgres' } });
  });

  it('keeps answering after its idle read-store connections are terminated', async () => {
    // Idle pooled connections exist once requests have used them.
    await register('Politie Kennemerland').expect(201);
    await t.http().get('/api/partners').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(await terminate()).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));

    await t.http().get('/health').expect(200);
    const registered = await register('Veiligheidshuis Kennemerland').expect(201);
    // Read-your-writes: the registry is a projection, so the read waits for the write's position (which
    // also shows the projection runner came back on a new connection).
    const position = bodyOf<{ position: number }>(registered).position;
    const listed = await t.http().get(`/api/partners?minPosition=${position}`).set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(Number(listed.headers['regie-position'])).toBeGreaterThanOrEqual(position);
    expect(JSON.stringify(listed.body)).toContain('Politie Kennemerland');
    expect(JSON.stringify(listed.body)).toContain('Veiligheidshuis Kennemerland');
  });

  it('answers /health 503 naming the read store while the database refuses connections, and 200 again after', async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await terminate();
    const down = await t.http().get('/health');
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bodyOf<HealthReport>(down).details.readStore).toMatchObject({ status: 'down', message: expect.any(String) as unknown });

    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    const up = await t.http().get('/health');
    expect(up.status).toBe(200);
    expect(bodyOf<HealthReport>(up).info.readStore.status).toBe('up');
  });
});

describe('EVENT_STORE=postgres without READ_STORE', () => {
  it('puts the read side on the same PostgreSQL database, not in per-instance SQLite files (and /health says so)', async () => {
    const databaseUrl = await freshDatabase(testDatabaseUrl());
    const t = await startTestApp({ EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl });
    try {
      const res = await t.http().get('/health').expect(200);
      expect(bodyOf<HealthReport>(res).info).toMatchObject({ eventStore: { adapter: 'postgres' }, readStore: { dialect: 'postgres' } });
    } finally {
      await t.close();
      await dropDatabase(testDatabaseUrl(), databaseUrl);
    }
  });
});
