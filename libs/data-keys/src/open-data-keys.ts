import type { EventStore, EventStoreConfig } from '../../event-store/src';
import { createEventStore } from '../../event-store/src';
import type { DataKeyStore } from './data-key-store.port';
import { KeyRing } from './key-ring';
import { dataKeyMaster } from './master-key';
import { SqliteDataKeyStore } from './sqlite-data-key-store';
import { SealingEventStore } from './sealing-event-store';

export interface DataKeyConfig {
  /** DATA_KEY_SECRET; otherwise DATA_DIR/data-key-secret */
  dataKeySecret?: string;
}

/**
 * Where the keys live, beside the log and never in the read store: with a PostgreSQL log in its
 * database (every instance shares it); otherwise in DATA_DIR/keys.db. EventStoreDB cannot delete
 * an event's bytes on demand (only a scavenge does, later), so its keys live in PostgreSQL when
 * DATABASE_URL is given, else in keys.db.
 */
export const openDataKeyStore = async (config: EventStoreConfig): Promise<DataKeyStore> => {
  const postgres = config.kind === 'postgres' || (config.kind === 'eventstoredb' && !!config.databaseUrl);
  if (postgres) {
    if (!config.databaseUrl) throw new Error('EVENT_STORE=postgres needs DATABASE_URL');
    const { PostgresDataKeyStore } = await import('./postgres-data-key-store');
    return PostgresDataKeyStore.open(config.databaseUrl);
  }
  return SqliteDataKeyStore.open(config.dataDir ?? './data');
};

export const openKeyRing = async (config: EventStoreConfig & DataKeyConfig): Promise<KeyRing> =>
  KeyRing.open(await openDataKeyStore(config), dataKeyMaster(config.dataDir ?? './data', config.dataKeySecret));

/** The configured event store, sealing and opening free text: what the app, the CLI's folds and rebuilds read. */
export const openSealedEventStore = async (config: EventStoreConfig & DataKeyConfig): Promise<SealingEventStore> => {
  const store: EventStore = await createEventStore(config);
  try {
    return new SealingEventStore(store, await openKeyRing(config));
  } catch (error) {
    await store.close();
    throw error;
  }
};
