/**
 * Which stores the e2e suites run on.
 *
 * `REGIE_E2E_STORE=postgres npx jest test/initiatives test/projections test/app-shell.e2e-spec.ts`
 * runs the same e2e tests with BOTH the event store and the read store on PostgreSQL (the cluster
 * that test/support/global-setup.ts starts for the Jest run), each app on a database of its own.
 * Unset (or `sqlite`): the embedded default, SQLite files in the app's temp data directory.
 */
import { Client } from 'pg';
import type { EnvironmentOverrides } from '../../apps/api/src/app.factory';
import { createEventStore, type EventStore } from '../../libs/event-store/src';
import { createReadStore, type OpenedReadStore } from '../../libs/read-store/src';
import { freshDatabase, testDatabaseUrl } from './postgres-server';

export type E2eStoreKind = 'sqlite' | 'postgres';

/** The store kind this Jest run's e2e suites use: `postgres` only when REGIE_E2E_STORE=postgres. */
export const e2eStoreKind = (env: NodeJS.ProcessEnv = process.env): E2eStoreKind => {
  const value = env.REGIE_E2E_STORE?.trim().toLowerCase();
  if (!value || value === 'sqlite') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`REGIE_E2E_STORE must be 'sqlite' or 'postgres', not '${env.REGIE_E2E_STORE}'`);
};

export interface E2eStores {
  /** overrides for createApp: empty on sqlite; EVENT_STORE, READ_STORE and DATABASE_URL on postgres */
  overrides: EnvironmentOverrides;
  kind: E2eStoreKind;
  /** the app's PostgreSQL database, when it has one */
  databaseUrl?: string;
  /** drops the database this helper created (nothing for sqlite or for a DATABASE_URL the caller gave) */
  dispose(): Promise<void>;
}

/**
 * Databases of the data directories callers named: on postgres a caller-given DATA_DIR stands for
 * "this app's data", so an app restarted on the same DATA_DIR gets the same database back.
 */
const databaseOfDataDir = new Map<string, string>();

/**
 * The store settings for one test app. On postgres: a fresh database per app unless the caller
 * passes DATABASE_URL (two apps on one database, say), or a DATA_DIR it passed before (a restart
 * on the same data). A caller that names EVENT_STORE or READ_STORE itself gets exactly what it
 * asked for: the switch never overrides an explicit choice.
 */
export const e2eStores = async (callerOverrides: EnvironmentOverrides = {}, env: NodeJS.ProcessEnv = process.env): Promise<E2eStores> => {
  const none: E2eStores = { overrides: {}, kind: 'sqlite', dispose: () => Promise.resolve() };
  if (e2eStoreKind(env) !== 'postgres') return none;
  if (callerOverrides.EVENT_STORE !== undefined || callerOverrides.READ_STORE !== undefined) return none;
  const adminUrl = testDatabaseUrl();
  const postgres = (databaseUrl: string, dispose: () => Promise<void>): E2eStores => ({
    overrides: { EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: databaseUrl },
    kind: 'postgres',
    databaseUrl,
    dispose,
  });
  const keep = () => Promise.resolve();
  if (callerOverrides.DATABASE_URL !== undefined) return postgres(String(callerOverrides.DATABASE_URL), keep);
  if (callerOverrides.DATA_DIR !== undefined) {
    // Kept until the cluster goes: the caller may start another app on this data directory.
    const dataDir = String(callerOverrides.DATA_DIR);
    let databaseUrl = databaseOfDataDir.get(dataDir);
    if (!databaseUrl) {
      databaseUrl = await freshDatabase(adminUrl);
      databaseOfDataDir.set(dataDir, databaseUrl);
    }
    return postgres(databaseUrl, keep);
  }
  const databaseUrl = await freshDatabase(adminUrl);
  return postgres(databaseUrl, () => dropDatabase(adminUrl, databaseUrl));
};

/** Drops a database made by freshDatabase (best effort: the cluster is thrown away after the run anyway). */
export const dropDatabase = async (adminUrl: string, databaseUrl: string): Promise<void> => {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^regie_t_[a-z0-9_]+$/.test(name)) return; // only ever drop what freshDatabase made
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } catch {
    // a leftover database in a throw-away cluster is harmless
  } finally {
    await client.end().catch(() => undefined);
  }
};

/**
 * Opens the event store and the read store an app was configured with, for a test that looks
 * behind the API (verifyStore, raw reads). On sqlite it opens the files in the app's data directory.
 * Close both when done.
 */
export const openAppStores = async (app: { dataDir: string; databaseUrl?: string }): Promise<{ events: EventStore; read: OpenedReadStore }> => {
  const postgres = app.databaseUrl !== undefined;
  const events = await createEventStore(postgres ? { kind: 'postgres', databaseUrl: app.databaseUrl } : { kind: 'sqlite', dataDir: app.dataDir });
  const read = await createReadStore(postgres ? { kind: 'postgres', databaseUrl: app.databaseUrl } : { kind: 'sqlite', dataDir: app.dataDir });
  return { events, read };
};
