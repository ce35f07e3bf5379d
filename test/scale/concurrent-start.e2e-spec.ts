/**
 * Several API instances starting at the same moment on one empty PostgreSQL database (a rolling
 * deploy, an autoscaler adding three at once): each creates the schema it needs, and none may fail
 * because another one is creating the same tables right then.
 */
import { dropDatabase } from '../support/e2e-store';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';
import { startTestApp, type TestApp } from '../support/test-app';

const INSTANCES = 4;
const ROUNDS = 3;

describe('several API instances starting at once on one empty PostgreSQL database', () => {
  it(`${ROUNDS} rounds of ${INSTANCES} instances started together: all of them start and answer`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const databaseUrl = await freshDatabase(testDatabaseUrl());
      const started = await Promise.allSettled(Array.from({ length: INSTANCES }, () =>
        startTestApp({ EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: databaseUrl })));
      const apps = started.filter((s): s is PromiseFulfilledResult<TestApp> => s.status === 'fulfilled').map((s) => s.value);
      try {
        const failures = started.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => String(s.reason?.stack ?? s.reason));
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
