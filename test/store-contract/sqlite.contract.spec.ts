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

describe('sqlite logs written before the schema version had a column of its own', () => {
  it('are given one when opened, and fold as they read whole', async () => {
    const dir = tempDir('regie-old-log-');
    dirs.push(dir);
    const file = sqliteFile(dir.path);
    const store = SqliteEventStore.open(file);
    await store.append('old-1', [{ id: randomUUID(), type: 'Happened', data: { n: 1 }, metadata: { schemaVersion: 2 } }], 'no-stream');
    await store.append('old-2', [{ id: randomUUID(), type: 'Happened', data: { n: 2 }, metadata: {} }], 'no-stream');
    await store.close();
    // The table as the previous release made it: no schema_version column.
    const raw = new Database(file);
    raw.exec('ALTER TABLE events DROP COLUMN schema_version');
    expect((raw.pragma('table_xinfo(events)') as Array<{ name: string }>).map((c) => c.name)).not.toContain('schema_version');
    raw.close();

    const reopened = SqliteEventStore.open(file);
    try {
      const folded = await reopened.readAllToFold(0, 10);
      expect(folded.map((e) => [e.stream, e.data, e.metadata.schemaVersion])).toEqual([
        ['old-1', { n: 1 }, 2],
        ['old-2', { n: 2 }, undefined],
      ]);
      await reopened.append('old-1', [{ id: randomUUID(), type: 'Happened', data: { n: 3 }, metadata: { schemaVersion: 3 } }], 0);
      expect((await reopened.readAllToFold(2, 10)).map((e) => e.metadata.schemaVersion)).toEqual([3]);
    } finally {
      await reopened.close();
    }
  });
});

describe('sqlite stores of one process on one file', () => {
  // A projection thread follows the store the API appends to through a connection of its own: it
  // must see each command's events at once, not at its next poll.
  it("wake each other's subscriptions when they append", async () => {
    const dir = tempDir('regie-contract-wake-');
    dirs.push(dir);
    const writer = SqliteEventStore.open(sqliteFile(dir.path));
    const follower = SqliteEventStore.open(sqliteFile(dir.path), { pollMs: 600_000, readOnly: true });
    let caughtUp!: () => void;
    const waiting = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = follower.subscribe(0, { onCaughtUp: () => caughtUp() });
    const first = (async () => {
      for await (const event of subscription) return event;
      return null;
    })();
    try {
      await waiting;
      const appended = await writer.append('wake-1', [{ id: randomUUID(), type: 'Woken', data: { n: 1 }, metadata: {} }], 'no-stream');
      const seen = await Promise.race([first, new Promise<string>((resolve) => setTimeout(() => resolve('still waiting for its poll'), 10_000))]);
      expect(seen).toMatchObject({ stream: 'wake-1', type: 'Woken', position: appended.position });
    } finally {
      await subscription.close();
      await follower.close();
      await writer.close();
    }
  });

  // A projection thread that takes its batches a gap apart is not waiting while the API appends:
  // what was appended meanwhile must come as soon as it asks again, not at its next poll.
  it('hand a subscriber that paused the events appended meanwhile as soon as it asks again', async () => {
    const dir = tempDir('regie-contract-pause-');
    dirs.push(dir);
    const writer = SqliteEventStore.open(sqliteFile(dir.path));
    const follower = SqliteEventStore.open(sqliteFile(dir.path), { pollMs: 600_000, readOnly: true });
    const subscription = follower.subscribe(0);
    const events = subscription[Symbol.asyncIterator]();
    const append = (n: number) => writer.append(`pause-${n}`, [{ id: randomUUID(), type: 'Paused', data: { n }, metadata: {} }], 'no-stream');
    const within10s = <T>(p: Promise<T>) =>
      Promise.race([p, new Promise<string>((resolve) => setTimeout(() => resolve('still waiting for its poll'), 10_000))]);
    try {
      // Asked for the next event before anything is there: it waits, and the first append wakes it.
      const next = events.next();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await append(1);
      expect(await within10s(next)).toMatchObject({ value: { stream: 'pause-1' } });
      // The subscriber pauses; three appends meanwhile, each waking nobody.
      const later = [await append(2), await append(3), await append(4)];
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const appended of later) expect(await within10s(events.next())).toMatchObject({ value: { position: appended.position } });
    } finally {
      await subscription.close();
      await follower.close();
      await writer.close();
    }
  });
});

describe('the writer thread of a process', () => {
  // After the last store closes, the thread is kept a while for the next one (tests and the CLI open
  // one after another), then ended. A store that opened just as it was being ended sent its first
  // requests to a thread about to go, and they failed with it.
  it('serves a store opened as it ends for want of stores', async () => {
    const dir = tempDir('regie-contract-idle-');
    dirs.push(dir);
    const counted = (n: number) => [{ id: randomUUID(), type: 'Counted', data: { n }, metadata: {} }];
    const first = SqliteEventStore.open(sqliteFile(dir.path));
    await first.append('idle-1', counted(1), 'no-stream');
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance', 'Date'] });
    let second: SqliteEventStore;
    try {
      await first.close();
      // The idle time runs out: the thread is told to end, and a store opens at that moment.
      jest.runOnlyPendingTimers();
      second = SqliteEventStore.open(sqliteFile(dir.path));
    } finally {
      jest.useRealTimers();
    }
    try {
      await expect(second.append('idle-2', counted(2), 'no-stream')).resolves.toMatchObject({ revision: 0 });
      expect((await second.readStream('idle-1')).map((e) => e.data)).toEqual([{ n: 1 }]);
    } finally {
      await second.close();
    }
  });
});
