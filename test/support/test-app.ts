import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { type Actor, embeddedSecret, signToken } from '../../libs/auth/src';
import { createApp, type EnvironmentOverrides } from '../../apps/api/src/app.factory';
import { tempDir } from './temp-dir';
// [e2e-store] REGIE_E2E_STORE=postgres: event store and read store on PostgreSQL (see e2e-store.ts).
import { e2eStores, type E2eStoreKind } from './e2e-store';

export interface TestApp {
  app: NestFastifyApplication;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  token: (actor: Actor, expiresIn?: string | number) => Promise<string>;
  close: () => Promise<void>;
  /** [e2e-store] which stores the app runs on, and its PostgreSQL database when it has one */
  store: E2eStoreKind;
  databaseUrl?: string;
}

/** The real app on a temporary SQLite file (or the store `overrides` name), ready for supertest. */
export const startTestApp = async (overrides: EnvironmentOverrides = {}): Promise<TestApp> => {
  const dir = tempDir('regie-app-');
  const dataDir = String(overrides.DATA_DIR ?? dir.path);
  // [e2e-store] begin: with REGIE_E2E_STORE=postgres, both stores on a fresh PostgreSQL database
  // (or on the caller's DATABASE_URL); an explicit EVENT_STORE/READ_STORE in overrides wins.
  const stores = await e2eStores(overrides);
  let app: NestFastifyApplication;
  try {
    // The projections are fed on the main thread (PROJECTIONS_THREAD=catch-up) unless a suite says
    // otherwise. Under ts-jest the default's second thread transpiles its sources with ts-node as it
    // starts: about 3 s on an idle machine, and on a busy CI machine past the 5 s a query waits for
    // `?minPosition=` (built, it starts in well under a second). test/projections/catch-up-thread
    // runs the default mode end to end, asking again after a stale answer.
    app = await createApp({
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MINUTE: 0,
      LOG_LEVEL: 'silent',
      PROJECTIONS_THREAD: 'catch-up',
      ...stores.overrides,
      ...overrides,
    });
  } catch (error) {
    await stores.dispose();
    dir.remove();
    throw error;
  }
  // [e2e-store] end
  const secret = embeddedSecret(dataDir, overrides.AUTH_SECRET as string | undefined);
  return {
    app,
    dataDir,
    http: () => request(app.getHttpServer()),
    token: (actor, expiresIn) => signToken(actor, secret, expiresIn),
    close: async () => {
      await app.close();
      await stores.dispose(); // [e2e-store]
      dir.remove();
    },
    store: stores.kind, // [e2e-store]
    databaseUrl: stores.databaseUrl, // [e2e-store]
  };
};
