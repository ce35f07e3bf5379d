import { randomUUID } from 'node:crypto';
import { type EventStore, SqliteEventStore, sqliteFile } from '../../../libs/event-store/src';
import { createReadStore, type OpenedReadStore } from '../../../libs/read-store/src';
import { tempDir } from '../../support/temp-dir';

/** Appends a PartnerRegistered for `partnerId` to its own stream, the cheapest event a test projection can key documents on; answers its position. */
export const registerPartner = async (store: EventStore, partnerId: string): Promise<number> =>
  (
    await store.append(
      `partner-${partnerId}`,
      [
        {
          id: randomUUID(),
          type: 'PartnerRegistered',
          data: { partnerId, name: partnerId, kind: 'care', occurredAt: '2025-01-01T00:00:00.000Z' },
          metadata: {},
        },
      ],
      'any',
    )
  ).position;

export interface PartnerStores {
  store: SqliteEventStore;
  readStore: OpenedReadStore;
  register: (partnerId: string) => Promise<number>;
}

/**
 * A SQLite event store and a read store in a fresh directory for every test of the describe block
 * that calls it (opened before each, closed after), and `register` appending to that store. The
 * read store is SQLite in the same directory unless `openReadStore` says otherwise.
 */
export function partnerStores(
  prefix: string,
  openReadStore: (dataDir: string) => Promise<OpenedReadStore> = (dataDir) => createReadStore({ kind: 'sqlite', dataDir }),
): PartnerStores {
  let dir: ReturnType<typeof tempDir>;
  const stores = { register: (partnerId: string) => registerPartner(stores.store, partnerId) } as PartnerStores;
  beforeEach(async () => {
    dir = tempDir(prefix);
    stores.store = SqliteEventStore.open(sqliteFile(dir.path));
    stores.readStore = await openReadStore(dir.path);
  });
  afterEach(async () => {
    await stores.readStore.close();
    await stores.store.close();
    dir.remove();
  });
  return stores;
}
