/** What the PostgreSQL adapter must do beyond the shared contract: several instances on one database. */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { DuplicateEventId, EventStoreUnavailable, type EventToAppend, type StoredEvent, verifyStore, WrongExpectedRevision } from '../../libs/event-store/src';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';

const event = (type = 'Happened', data: Record<string, unknown> = {}): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: { sub: 'tester' } },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The next event the subscription delivers, or a rejection after timeoutMs. */
const next = async (iterator: AsyncIterator<StoredEvent>, timeoutMs: number): Promise<StoredEvent> => {
  let timer!: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`nothing within ${timeoutMs} ms`)), timeoutMs)));
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error('subscription ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
};

describe('PostgresEventStore', () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  const open = async (url: string, options?: { pollMs?: number }) => {
    const store = await PostgresEventStore.open(url, options);
    opened.push(store);
    return store;
  };
  const raw = async (url: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    opened.push({ close: () => client.end() });
    return client;
  };
  let url: string;
  beforeEach(async () => {
    url = await freshDatabase(testDatabaseUrl());
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  });

  it('opens concurrently on an empty database: the schema is created once, without error', async () => {
    const stores = await Promise.all(Array.from({ length: 6 }, () => open(url)));
    await stores[0].append('s', [event()], 'no-stream');
    expect(await stores[5].readStream('s')).toHaveLength(1);
  });

  it('group commit: appends in flight together share a transaction, and a conflict or a duplicate id fails only its own append', async () => {
    const store = await open(url);
    await store.append('warm-up', [event()], 'no-stream');
    const reused = event();
    await store.append('earlier', [reused], 'no-stream');
    const streams = Array.from({ length: 60 }, (_, i) => `contested-${i}`);
    const settled = await Promise.allSettled([
      ...streams.flatMap((s) => [store.append(s, [event('First')], 'no-stream'), store.append(s, [event('Second'), event()], 'no-stream')]),
      // an event id already in the log, in the middle of the crowd: only this append is refused
      store.append('reuses-an-id', [reused], 'no-stream'),
      ...Array.from({ length: 60 }, (_, i) => store.append(`free-${i}`, [event()], 'no-stream')),
    ]);
    for (let i = 0; i < streams.length; i++) {
      const pair = settled.slice(2 * i, 2 * i + 2);
      expect(pair.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((pair.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
      const won = pair.findIndex((r) => r.status === 'fulfilled');
      expect((await store.readStream(streams[i])).map((e) => e.type)).toEqual(won === 0 ? ['First'] : ['Second', 'Happened']);
    }
    const duplicate = settled[2 * streams.length];
    expect(duplicate.status).toBe('rejected');
    expect((duplicate as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
    expect(await store.readStream('reuses-an-id')).toEqual([]);
    const free = settled.slice(2 * streams.length + 1);
    expect(free.map((r) => r.status)).toEqual(Array(60).fill('fulfilled'));
    // Fewer transactions than appends: they were committed together, each with one flush.
    const { appends, transactions } = store.commits();
    expect(appends).toBeGreaterThanOrEqual(2 + 60 + 60);
    expect(transactions).toBeLessThan(appends / 2);
    // Positions rise in commit order (a transaction rolled back for the duplicate leaves a gap in the sequence, as any aborted insert does).
    const positions = (await store.readAll(0, 1000)).map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    expect((await verifyStore(store)).ok).toBe(true);
  });

  it('two instances racing for one stream: exactly one wins, the other gets WrongExpectedRevision with the actual revision', async () => {
    const [a, b] = await Promise.all([open(url), open(url)]);
    for (let round = 0; round < 25; round++) {
      const stream = `race-${round}`;
      const created = await Promise.allSettled([a.append(stream, [event()], 'no-stream'), b.append(stream, [event()], 'no-stream')]);
      expect(created.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lostCreate = (created.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as WrongExpectedRevision;
      expect(lostCreate).toBeInstanceOf(WrongExpectedRevision);
      expect(lostCreate.actual).toBe(0);

      const next = await Promise.allSettled([a.append(stream, [event(), event()], 0), b.append(stream, [event()], 0)]);
      expect(next.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lostNext = (next.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as WrongExpectedRevision;
      expect(lostNext).toBeInstanceOf(WrongExpectedRevision);
      const winner = (next.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ revision: number }>).value;
      expect(lostNext.actual).toBe(winner.revision);
    }
    expect((await verifyStore(a)).ok).toBe(true);
  });

  it("'any' appends from two instances on one stream all land, in one whole hash chain, whatever each instance last saw of it", async () => {
    const [a, b] = await Promise.all([open(url), open(url)]);
    await a.append('shared', [event()], 'no-stream');
    // Each instance remembers the head it last saw; the other one moves it on in between.
    await Promise.all(
      [a, b].map(async (store, i) => {
        for (let n = 0; n < 40; n++) await store.append('shared', [event('Shared', { i, n })], 'any');
      }),
    );
    const stored = await a.readStream('shared');
    expect(stored.map((e) => e.revision)).toEqual(stored.map((_, i) => i));
    expect(stored).toHaveLength(81);
    expect(await verifyStore(a)).toEqual({ ok: true, count: 81 });
  });

  it('an append never leaves its transaction waiting for the client while it holds the append lock', async () => {
    const [a, b] = await Promise.all([open(url), open(url)]);
    const observer = await raw(url);
    let appending = true;
    const idleInTransaction: string[] = [];
    const watching = (async () => {
      while (appending) {
        const { rows } = await observer.query<{ state: string }>(
          "SELECT state FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'regie-event-store' AND state LIKE 'idle in transaction%'",
        );
        idleInTransaction.push(...rows.map((r) => r.state));
      }
    })();
    await Promise.all(
      [a, b].flatMap((store, i) =>
        [0, 1, 2, 3].map(async (lane) => {
          for (let n = 0; n < 25; n++) await store.append(`lane-${i}-${lane}`, [event()], 'any');
        }),
      ),
    );
    appending = false;
    await watching;
    expect(idleInTransaction).toEqual([]);
    expect((await verifyStore(a)).count).toBe(200);
  });

  it('keeps its guarantees when the server defaults to REPEATABLE READ (the append runs at READ COMMITTED regardless)', async () => {
    const admin = await raw(url);
    const name = (await admin.query<{ name: string }>('SELECT current_database() AS name')).rows[0].name;
    await admin.query(`ALTER DATABASE "${name}" SET default_transaction_isolation = 'repeatable read'`);
    const [a, b] = await Promise.all([open(url), open(url)]);
    await a.append('rr', [event()], 'no-stream');
    for (let round = 0; round < 10; round++) {
      const [x, y] = [await a.readStream('rr'), await b.readStream('rr')];
      const raced = await Promise.allSettled([a.append('rr', [event()], x.length - 1), b.append('rr', [event()], y.length - 1)]);
      expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    }
    expect(await verifyStore(a)).toEqual({ ok: true, count: 11 });
  });

  it('the same batch retried at once from two instances is stored once and both get the first result', async () => {
    const [a, b] = await Promise.all([open(url), open(url)]);
    await a.append('retry', [event()], 'no-stream');
    for (let round = 0; round < 10; round++) {
      const batch = [event(), event()];
      const current = (await a.readStream('retry')).length - 1;
      const [x, y] = await Promise.all([a.append('retry', batch, current), b.append('retry', batch, current)]);
      expect(y).toEqual(x);
    }
    expect(await a.readStream('retry')).toHaveLength(21);
  });

  describe('a writer that bypasses the append lock still meets the unique constraints, mapped to the port errors', () => {
    const INSERT = `INSERT INTO events (event_id, stream, revision, type, data, metadata, hash, recorded_at)
                    VALUES ($1, $2, $3, 'Raw', '{}', '{"hash":"raw"}', 'raw', now()) RETURNING position`;
    const waitUntilBlocked = async (client: Client) => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0].n > 0) return;
        await sleep(10);
      }
      throw new Error('the append never blocked on the uncommitted row');
    };

    it('a (stream, revision) violation becomes WrongExpectedRevision with the actual revision', async () => {
      const store = await open(url);
      const [intruder, observer] = await Promise.all([raw(url), raw(url)]);
      await intruder.query('BEGIN');
      await intruder.query(INSERT, [randomUUID(), 'contested', 0]);
      const appending = store.append('contested', [event()], 'no-stream').catch((e: unknown) => e);
      await waitUntilBlocked(observer);
      await intruder.query('COMMIT');
      const error = (await appending) as WrongExpectedRevision;
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error.actual).toBe(0);
    });

    it('an event id violation for another place becomes DuplicateEventId', async () => {
      const store = await open(url);
      const [intruder, observer] = await Promise.all([raw(url), raw(url)]);
      const e = event();
      await intruder.query('BEGIN');
      await intruder.query(INSERT, [e.id, 'elsewhere', 0]);
      const appending = store.append('mine', [e], 'any').catch((error: unknown) => error);
      await waitUntilBlocked(observer);
      await intruder.query('COMMIT');
      const error = (await appending) as DuplicateEventId;
      expect(error).toBeInstanceOf(DuplicateEventId);
      expect(error.storedIn).toBe('elsewhere');
      expect(await store.readStream('mine')).toEqual([]);
    });

    it('the same event landing at the same place answers its first result', async () => {
      const store = await open(url);
      const [intruder, observer] = await Promise.all([raw(url), raw(url)]);
      const e = event();
      await intruder.query('BEGIN');
      const { rows } = await intruder.query<{ position: string | number }>(INSERT, [e.id, 'same', 0]);
      const appending = store.append('same', [e], 'no-stream');
      await waitUntilBlocked(observer);
      await intruder.query('COMMIT');
      await expect(appending).resolves.toEqual({ revision: 0, position: Number(rows[0].position) });
    });
  });

  it('a live subscription hears another instance through LISTEN/NOTIFY, not by polling', async () => {
    const [reader, writer] = await Promise.all([open(url, { pollMs: 60_000 }), open(url)]);
    const subscription = reader.subscribe(0);
    const iterator = subscription[Symbol.asyncIterator]();
    const first = event();
    const pending = next(iterator, 5_000);
    await sleep(200);
    await writer.append('live', [first], 'no-stream');
    expect((await pending).id).toBe(first.id);
    for (let i = 0; i < 5; i++) {
      const e = event();
      const arriving = next(iterator, 5_000);
      await writer.append('live', [e], 'any');
      expect((await arriving).id).toBe(e.id);
    }
    await subscription.close();
  });

  it('the listening connection comes back after the server drops it', async () => {
    const [reader, writer] = await Promise.all([open(url, { pollMs: 60_000 }), open(url)]);
    const admin = await raw(testDatabaseUrl());
    const listeners = async () =>
      (
        await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'regie-event-store-listener'", [
          new URL(url).pathname.slice(1),
        ])
      ).rows.map((r) => r.pid);
    const subscription = reader.subscribe(0);
    const iterator = subscription[Symbol.asyncIterator]();
    const warmUp = next(iterator, 5_000);
    await writer.append('s', [event()], 'no-stream');
    await warmUp;

    // The listener connects on its own after the first subscription; the warm-up event may have
    // come by the subscription's catch-up read before that connection shows in pg_stat_activity.
    let found: number[] = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      found = await listeners();
      if (found.length === 0) await sleep(50);
    }
    const [before] = found;
    expect(before).toBeDefined();
    await admin.query('SELECT pg_terminate_backend($1)', [before]);
    let after: number[] = [];
    for (let i = 0; i < 100 && !(after.length === 1 && after[0] !== before); i++) {
      await sleep(50);
      after = await listeners();
    }
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);

    const e = event();
    const arriving = next(iterator, 5_000);
    await writer.append('s', [e], 'any');
    expect((await arriving).id).toBe(e.id);
    await subscription.close();
  });

  it('keeps data and metadata exactly (json, not jsonb) and replaces a hash the caller sent', async () => {
    const store = await open(url);
    const data = {
      text: 'naïve – 日本語 🎉',
      nul: 'a\u0000b',
      quote: '"\\',
      n: 0.1,
      sum: 0.1 + 0.2,
      big: 1e21,
      small: 5e-324,
      neg: -7,
      list: [1, [2, { x: null }]],
      empty: {},
      yes: true,
    };
    await store.append('fidelity', [{ id: randomUUID(), type: 'Odd', data, metadata: { hash: 'forged', z: 1, a: [] } }], 'no-stream');
    const [stored] = await store.readStream('fidelity');
    expect(stored.data).toEqual(data);
    expect(stored.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.metadata).toMatchObject({ z: 1, a: [] });
    expect(typeof stored.position).toBe('number');
    expect(typeof stored.revision).toBe('number');
    expect(await verifyStore(store)).toEqual({ ok: true, count: 1 });
  });

  it('a batch larger than one INSERT keeps positions in revision order', async () => {
    const store = await open(url);
    await store.append('other', [event()], 'no-stream');
    const batch = Array.from({ length: 2_500 }, (_, i) => event('Many', { i }));
    const result = await store.append('big', batch, 'no-stream');
    const stored = await store.readStream('big');
    expect(stored.map((e) => e.revision)).toEqual(batch.map((_, i) => i));
    expect(stored.map((e) => e.id)).toEqual(batch.map((e) => e.id));
    for (let i = 1; i < stored.length; i++) expect(stored[i].position).toBeGreaterThan(stored[i - 1].position);
    expect(result).toEqual({ revision: 2_499, position: stored[2_499].position });
    expect(await store.lastPosition()).toBe(result.position);
    expect(await store.listStreams()).toEqual([
      { stream: 'big', revision: 2_499 },
      { stream: 'other', revision: 0 },
    ]);
  });

  it('an unreachable server is EventStoreUnavailable, quickly, without the password in the message', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const started = Date.now();
    const error = (await PostgresEventStore.open(`postgres://someone:s3cret-pw@127.0.0.1:${port}/nothing`).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(EventStoreUnavailable);
    expect(error.message).not.toContain('s3cret-pw');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a batch that holds one event id twice, storing nothing', async () => {
    const store = await open(url);
    const e = event();
    await expect(store.append('twice', [e, { ...e }], 'no-stream')).rejects.toThrow(/more than once/);
    expect(await store.readStream('twice')).toEqual([]);
  });

  it('ping answers while open; after close, operations fail', async () => {
    const store = await PostgresEventStore.open(url);
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });
});
