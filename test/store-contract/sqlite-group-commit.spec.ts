import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, sqliteFile, verifyStore, WrongExpectedRevision } from '../../libs/event-store/src';
import { tempDir } from '../support/temp-dir';

const event = (data: Record<string, unknown> = {}) => ({ id: randomUUID(), type: 'Happened', data, metadata: {} });

describe('SQLite group commit (appends in flight together share a transaction)', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = tempDir('regie-group-commit-');
    store = SqliteEventStore.open(sqliteFile(dir.path));
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('a conflict in a batch fails only its own append', async () => {
    await store.append('warm-up', [event()], 'no-stream');
    // Two appends per stream expecting a new stream: one must win and one lose, on every stream,
    // whatever transaction they share with the other streams' appends.
    const streams = Array.from({ length: 100 }, (_, i) => `contested-${i}`);
    const settled = await Promise.allSettled(
      streams.flatMap((s) => [store.append(s, [event({ first: true })], 'no-stream'), store.append(s, [event({ first: false }), event()], 'no-stream')]),
    );
    const uncontested = await Promise.all(Array.from({ length: 100 }, (_, i) => store.append(`free-${i}`, [event()], 'no-stream')));

    for (let i = 0; i < streams.length; i++) {
      const pair = settled.slice(2 * i, 2 * i + 2);
      expect(pair.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = pair.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(WrongExpectedRevision);
      const won = pair.findIndex((r) => r.status === 'fulfilled');
      expect(await store.readStream(streams[i])).toHaveLength(won === 0 ? 1 : 2);
    }
    expect(uncontested.map((r) => r.revision)).toEqual(Array(100).fill(0));
    // Fewer transactions than appends: they were committed together.
    const { appends, transactions } = store.commits();
    expect(appends).toBe(1 + 100 + 100);
    expect(transactions).toBeLessThan(appends / 2);
    expect((await verifyStore(store)).ok).toBe(true);
  });

  it('positions follow commit order without gaps across a batch', async () => {
    await Promise.all(Array.from({ length: 300 }, (_, i) => store.append(`s-${i % 7}`, [event({ i })], 'any')));
    const all = await store.readAll(0, 1000);
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    for (let s = 0; s < 7; s++) {
      const revisions = (await store.readStream(`s-${s}`)).map((e) => e.revision);
      expect(revisions).toEqual(revisions.map((_, i) => i));
    }
  });

  it('while another connection holds the write lock, this thread keeps serving reads and the append waits, then lands', async () => {
    await store.append('before', [event()], 'no-stream');
    const other = new Database(sqliteFile(dir.path));
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      const appended = store.append('during', [event()], 'no-stream');
      const startedAt = Date.now();
      // The append is stuck behind the lock, yet the event loop turns and reads answer.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await store.readStream('before')).toHaveLength(1);
      // A loop blocked on the lock would tick once at most; a loaded machine may tick far fewer than 60 times.
      expect(ticks).toBeGreaterThan(5);
      expect(store.commits().appends).toBe(1);
      other.exec('COMMIT');
      await appended;
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(600);
      expect(await store.readStream('during')).toHaveLength(1);
    } finally {
      clearInterval(ticker);
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });

  it('the writer connection runs in WAL mode with synchronous=FULL', async () => {
    expect(await store.durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
  });
});
