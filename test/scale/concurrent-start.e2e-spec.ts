/**
 * Several API instances starting at the same moment on one empty PostgreSQL database (a rolling
 * deploy, an autoscaler adding three at once): each creates the schema it needs, and none may fail
 * because another one is creating the same tables right then.
 */
import { randomBytes } from 'node:crypto';
import { IdempotencyStore } from '../../apps/api/src/write/idempotency.store';
import { SnapshotStore } from '../../apps/api/src/history/snapshot.store';
import { ProjectionTables } from '../../libs/projections/src';
import { PostgresReadStore } from '../../libs/read-store/src/postgres-read-store';
import { dropDatabase } from '../support/e2e-store';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';
import { startTestApp, type TestApp } from '../support/test-app';

const INSTANCES = 6;
const ROUNDS = 5;

describe('several API instances starting at once on one empty PostgreSQL database', () => {
  it(`${ROUNDS} rounds of ${INSTANCES} instances started together: all of them start and answer`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const databaseUrl = await freshDatabase(testDatabaseUrl());
      // Instances of one deployment share the master key of the data keys (each has its own DATA_DIR here).
      const shared = { EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: databaseUrl, DATA_KEY_SECRET: randomBytes(32).toString('base64url') };
      const started = await Promise.allSettled(Array.from({ length: INSTANCES }, () => startTestApp(shared)));
      const apps = started.filter((s): s is PromiseFulfilledResult<TestApp> => s.status === 'fulfilled').map((s) => s.value);
      try {
        const failures = started
          .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
          .map((s) => String((s.reason as { stack?: unknown } | null | undefined)?.stack ?? s.reason));
        expect({ round, failures }).toEqual({ round, failures: [] });
        for (const t of apps) {
          const token = await t.token({ sub: 'ops-admin', roles: ['admin'] });
          await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send({ name: 'Gemeente Haarlem', kind: 'municipality' }).expect(201);
        }
      } finally {
        await Promise.all(apps.map((t) => t.close()));
        await dropDatabase(testDatabaseUrl(), databaseUrl);
      }
    }
  }, 120_000);
});

describe("the read side's schema set-up, run by several instances at the same moment", () => {
  // What every instance runs at start-up (onModuleInit), without the rest of the app around it to
  // spread the instances out in time: the narrowest window a rolling deploy can hit.
  it.each([
    ['idempotency records', (db: PostgresReadStore) => new IdempotencyStore(db as never).onModuleInit()],
    ['snapshots', (db: PostgresReadStore) => new SnapshotStore(db as never).onModuleInit()],
    ['projection tables', (db: PostgresReadStore) => new ProjectionTables(db).ensureSchema()],
  ])(
    '%s: 8 at once on an empty database, 10 rounds, none fails',
    async (_name, setUp) => {
      const failures: string[] = [];
      for (let round = 1; round <= 10; round++) {
        const databaseUrl = await freshDatabase(testDatabaseUrl());
        const stores = await Promise.all(Array.from({ length: 8 }, () => PostgresReadStore.open(databaseUrl)));
        try {
          const results = await Promise.allSettled(stores.map((db) => setUp(db)));
          for (const r of results) if (r.status === 'rejected') failures.push(`round ${round}: ${String((r.reason as Error).message)}`);
        } finally {
          await Promise.all(stores.map((db) => db.close()));
          await dropDatabase(testDatabaseUrl(), databaseUrl);
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
