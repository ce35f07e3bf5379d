export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb';

export interface EventStoreConfig {
  kind: EventStoreKind;
  /** sqlite: the folder that holds events.db, or ':memory:' */
  dataDir?: string;
  /** postgres */
  databaseUrl?: string;
  /** eventstoredb */
  eventstoreConnectionString?: string;
  /** true when NODE_ENV=production: refuse stores that would lose data */
  production?: boolean;
  /** sqlite: only read (a catch-up on another thread); appends are refused and no writer thread starts */
  readOnly?: boolean;
}

/** Reads the store's settings from environment variables (already validated by the app's config). */
export const eventStoreConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): EventStoreConfig => ({
  kind: (env.EVENT_STORE as EventStoreKind | undefined) ?? 'sqlite',
  dataDir: env.DATA_DIR ?? './data',
  databaseUrl: env.DATABASE_URL,
  eventstoreConnectionString: env.EVENTSTORE_CONNECTION_STRING,
  production: env.NODE_ENV === 'production',
});
