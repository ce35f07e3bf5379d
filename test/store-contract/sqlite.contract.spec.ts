import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { createEventStore, SqliteEventStore, sqliteFile } from '../../libs/event-store/src';
import { tempDir } from '../support/temp-dir';
import { describeEventStoreContract } from './event-store.contract';

const dirs: Array<{ remove(): void }> = [];
afterAll(() => dirs.forEach((d) => d.remove()));

let currentDir = '';
describeEventStoreContract('sqlite on a file', {
  open() {
    const dir = tempDir('regie-contract-');
    dirs.push(dir);
    currentDir = dir.path;
    return Promise.resolve(SqliteEventStore.open(sqliteFile(currentDir)));
  },
  reopen() {
    return Promise.resolve(SqliteEventStore.open(sqliteFile(currentDir)));
  },
  childEnv: () => ({ EVENT_STORE: 'sqlite', DATA_DIR: currentDir }),
});

describeEventStoreContract('sqlite in memory', {
  open() {
    return Promise.resolve(SqliteEventStore.open(':memory:'));
  },
  reopen() {
    return Promise.reject(new Error('an in-memory store cannot be reopened'));
  },
  childEnv: () => null,
  inMemory: true,
});

describe('sqlite durability settings', () => {
  it('the file store the app opens runs in WAL mode with synchronous=FULL', async () => {
    const dir = tempDir('regie-pragmas-');
    dirs.push(dir);
    const store = await createEventStore({ kind: 'sqlite', dataDir: dir.path });
    try {
      expect(store).toBeInstanceOf(SqliteEventStore);
      expect(await (store as SqliteEventStore).durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
      await store.append('durable', [{ id: randomUUID(), type: 'Happened', data: {}, metadata: {} }], 'no-stream');
    } finally {
      await store.close();
    }
    // WAL is a property of the file itself: another connection sees it too.
    const other = new Database(sqliteFile(dir.path), { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
  });
});
