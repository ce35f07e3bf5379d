import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';
import { describeEventStoreContract } from './event-store.contract';

// The cluster comes from test/support/global-setup.ts; each test gets a database of its own.
const adminUrl = testDatabaseUrl();
let currentUrl = '';

describeEventStoreContract('postgres', {
  async open() {
    currentUrl = await freshDatabase(adminUrl);
    return PostgresEventStore.open(currentUrl);
  },
  async reopen() {
    return PostgresEventStore.open(currentUrl);
  },
  childEnv: () => ({ EVENT_STORE: 'postgres', DATABASE_URL: currentUrl }),
});
