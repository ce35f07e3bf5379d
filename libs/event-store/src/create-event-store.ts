import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import type { EventStoreConfig } from './store-config';

export const sqliteFile = (dataDir: string): string => (dataDir === ':memory:' ? ':memory:' : join(dataDir, 'events.db'));

/** Opens the configured adapter. The server-backed adapters load lazily so the embedded default needs none of them. */
export const createEventStore = async (config: EventStoreConfig): Promise<EventStore> => {
  switch (config.kind) {
    case 'sqlite':
      return SqliteEventStore.open(sqliteFile(config.dataDir ?? './data'), { readOnly: config.readOnly });
    case 'postgres': {
      if (!config.databaseUrl) throw new Error('EVENT_STORE=postgres needs DATABASE_URL');
      const { PostgresEventStore } = await import('./postgres/postgres-event-store');
      return PostgresEventStore.open(config.databaseUrl);
    }
    case 'eventstoredb': {
      if (!config.eventstoreConnectionString) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
      const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
      return EventStoreDbEventStore.connect(config.eventstoreConnectionString, { production: !!config.production });
    }
  }
};
