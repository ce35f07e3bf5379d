import { SqliteEventStore, sqliteFile } from '../../libs/event-store/src';
import { tempDir } from '../support/temp-dir';
import { describeEventStoreContract } from './event-store.contract';

const dirs: Array<{ remove(): void }> = [];
afterAll(() => dirs.forEach((d) => d.remove()));

let currentDir = '';
describeEventStoreContract('sqlite on a file', {
  async open() {
    const dir = tempDir('regie-contract-');
    dirs.push(dir);
    currentDir = dir.path;
    return SqliteEventStore.open(sqliteFile(currentDir));
  },
  async reopen() {
    return SqliteEventStore.open(sqliteFile(currentDir));
  },
  childEnv: () => ({ EVENT_STORE: 'sqlite', DATA_DIR: currentDir }),
});

describeEventStoreContract('sqlite in memory', {
  async open() {
    return SqliteEventStore.open(':memory:');
  },
  async reopen() {
    throw new Error('an in-memory store cannot be reopened');
  },
  childEnv: () => null,
  inMemory: true,
});
