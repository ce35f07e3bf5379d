import { randomUUID } from 'node:crypto';
import { SqliteEventStore, sqliteFile, type EventStore } from '../../libs/event-store/src';
import { ProjectionHost, ProjectionReader, ProjectionTables, rebuildOffline, type ProcessManager, type Projection } from '../../libs/projections/src';
import { createReadStore, type OpenedReadStore } from '../../libs/read-store/src';
import { tempDir } from '../support/temp-dir';

// A projection that counts: an event counted twice (or lost) shows at once.
interface Tally {
  events: number;
  lastPosition: number;
  version: number;
}
const tally = (version: number): Projection<Tally> => ({
  name: 'tally',
  version,
  documentIds: (event) => (event.type === 'PartnerRegistered' ? ['all', `kind:${event.data.kind}`] : []),
  reduce: (doc, _event, stored) => ({ events: (doc?.events ?? 0) + 1, lastPosition: stored.position, version }),
});

// A saga that asks for one command per partner registered: a lost or a repeated request shows at once.
const welcomer = (version: number): ProcessManager<Tally, string> => ({
  ...tally(version),
  name: 'welcomer',
  documentIds: (event) => (event.type === 'PartnerRegistered' ? ['all'] : []),
  react: (_before, _after, event) => (event.type === 'PartnerRegistered' ? [event.data.name] : []),
});

const register = async (store: EventStore, n: number) => {
  let position = 0;
  for (let i = 0; i < n; i += 100) {
    for (let k = i; k < Math.min(n, i + 100); k++) {
      const id = randomUUID();
      position = (
        await store.append(
          `partner-${id}`,
          [
            {
              id: randomUUID(),
              type: 'PartnerRegistered',
              data: { partnerId: id, name: `Partner ${k}`, kind: k % 2 ? 'police' : 'care', occurredAt: '2025-01-01T00:00:00.000Z' },
              metadata: { schemaVersion: 1 },
            },
          ],
          'no-stream',
        )
      ).position;
    }
  }
  return position;
};

describe('the projection host: generations, rebuilds and swaps', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let readStore: OpenedReadStore;
  const hosts: ProjectionHost[] = [];
  const host = (projection: Projection<unknown>, rs: OpenedReadStore = readStore) => {
    const h = new ProjectionHost({ store, readStore: rs, projections: [projection], reconcileMs: 100, group: { pageSize: 250, maxBatchEvents: 500 } });
    hosts.push(h);
    return h;
  };
  const read = (rs: OpenedReadStore = readStore) => new ProjectionReader(new ProjectionTables(rs)).document<Tally>('tally', 'all');

  beforeEach(async () => {
    dir = tempDir('regie-host-');
    store = SqliteEventStore.open(sqliteFile(dir.path));
    readStore = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
    await readStore.close();
    await store.close();
    dir.remove();
  });

  it('feeds a projection from the store and lets a reader wait for a position', async () => {
    const last = await register(store, 300);
    const h = host(tally(1));
    await h.start();
    expect(await h.waitFor('tally', last, 10_000)).toBe(true);
    expect(await read()).toEqual({ position: last, doc: { events: 300, lastPosition: last, version: 1 } });
    const more = await register(store, 5);
    expect(await h.waitFor('tally', more, 10_000)).toBe(true);
    expect((await read()).doc!.events).toBe(305);
    expect(await h.waitFor('tally', more + 1000, 50)).toBe(false);
  });

  it('a reader keeps a document it is asked for again soon, and never answers it stale', async () => {
    const last = await register(store, 40);
    const h = host(tally(1));
    await h.start();
    expect(await h.waitFor('tally', last, 10_000)).toBe(true);
    const reader = new ProjectionReader(new ProjectionTables(readStore));
    const first = await reader.document<Tally>('tally', 'all');
    const second = await reader.document<Tally>('tally', 'all');
    const third = await reader.document<Tally>('tally', 'all');
    expect(first.doc).toEqual({ events: 40, lastPosition: last, version: 1 });
    // Kept from its second read on: the same object, not parsed again.
    expect(third.doc).toBe(second.doc);
    const more = await register(store, 3);
    expect(await h.waitFor('tally', more, 10_000)).toBe(true);
    expect(await reader.document<Tally>('tally', 'all')).toEqual({ position: more, doc: { events: 43, lastPosition: more, version: 1 } });
  });

  it('a new version is built beside the old one at start-up: the old one answers until the new one has caught up, then they swap', async () => {
    const last = await register(store, 1000);
    const v1 = host(tally(1));
    await v1.start();
    await v1.waitFor('tally', last, 10_000);
    await v1.stop();

    const v2 = host(tally(2));
    await v2.start();
    const during = await read();
    const status = (await v2.status())[0];
    expect(status).toMatchObject({ name: 'tally', version: 2, liveVersion: 1, state: 'rebuilding' });
    expect(during.doc).toMatchObject({ version: 1, events: 1000 });
    // The frozen old version has seen `last` too, so a reader asking for it is answered at once, by it.
    expect(await v2.waitFor('tally', last, 0)).toBe(true);
    const end = Date.now() + 20_000;
    while ((await v2.status())[0].liveVersion !== 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(await read()).toEqual({ position: last, doc: { events: 1000, lastPosition: last, version: 2 } });
    const after = (await v2.status())[0];
    expect(after).toMatchObject({ state: 'live', liveVersion: 2, generation: 2, checkpoint: last, lag: 0, rebuild: null });
    // the old generation is gone; new events reach the new one
    expect((await v2.tables.generations('tally')).map((g) => [g.generation, g.state])).toEqual([[2, 'live']]);
    const more = await register(store, 10);
    expect(await v2.waitFor('tally', more, 10_000)).toBe(true);
    expect((await read()).doc!.events).toBe(1010);
  });

  it('a saga of a new version replays its memory from 0 but asks only for what came after the old checkpoint, then keeps asking live', async () => {
    const asked: string[] = [];
    const sagaHost = (version: number) => {
      const h = new ProjectionHost({
        store,
        readStore,
        projections: [],
        reconcileMs: 100,
        group: { pageSize: 250, maxBatchEvents: 500 },
        sagas: [
          {
            saga: welcomer(version),
            dispatch: (names) => {
              asked.push(...names);
              return Promise.resolve();
            },
          },
        ],
      });
      hosts.push(h);
      return h;
    };
    const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `Partner ${from + i}`);
    const first = await register(store, 300);
    const v1 = sagaHost(1);
    await v1.start();
    expect(await v1.waitFor('welcomer', first, 10_000)).toBe(true);
    await v1.stop();
    expect(asked).toEqual(names(0, 300));

    // registered while no saga ran: the new version must ask for these, and only these
    await register(store, 40);
    asked.length = 0;
    const v2 = sagaHost(2);
    await v2.start();
    const end = Date.now() + 20_000;
    while ((await v2.status())[0].liveVersion !== 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect((await v2.status())[0]).toMatchObject({ kind: 'saga', state: 'live', liveVersion: 2 });
    expect(asked).toEqual(names(0, 40));
    // its memory is the whole log, as a replay from 0 gives it
    expect(JSON.parse((await v2.tables.dump('welcomer', 2)).get('all')!)).toMatchObject({ events: 340, version: 2 });

    asked.length = 0;
    const live = await register(store, 5);
    expect(await v2.waitFor('welcomer', live, 10_000)).toBe(true);
    expect(asked).toEqual(names(0, 5));
  });

  it('projections and a saga share one pass: the saga asks once the projections have reached the head, and one whose commands fail holds the projections up not at all', async () => {
    const last = await register(store, 1300);
    const asked: string[] = [];
    const tallyAtAsking: number[] = [];
    let failing = true;
    const h = new ProjectionHost({
      store,
      readStore,
      projections: [tally(1)],
      reconcileMs: 100,
      retryMs: 100,
      group: { pageSize: 250, maxBatchEvents: 500 },
      sagas: [
        {
          saga: welcomer(1),
          dispatch: async (names) => {
            // What a command would find of the projections when it is asked for.
            tallyAtAsking.push((await read()).doc?.events ?? 0);
            if (failing) throw new Error('the write side is down');
            asked.push(...names);
          },
        },
      ],
    });
    hosts.push(h);
    await h.start();
    expect(await h.waitFor('tally', last, 10_000)).toBe(true);
    expect((await read()).doc!.events).toBe(1300);
    // The projections are live at the head; the saga failed and waits to be fed again. Polled, not
    // timed: on a loaded machine the saga's first attempt can come later than any fixed wait.
    const sagaStatus = async () => (await h.status()).find((x) => x.name === 'welcomer')!;
    for (let i = 0; i < 200 && !(await sagaStatus()).error; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const saga = await sagaStatus();
    expect(saga.checkpoint).toBe(0);
    expect(saga.error).toMatch(/the write side is down/);
    expect(tallyAtAsking.every((n) => n === 1300)).toBe(true);

    failing = false;
    expect(await h.waitFor('welcomer', last, 10_000)).toBe(true);
    expect(asked).toEqual(Array.from({ length: 1300 }, (_, i) => `Partner ${i}`));
    expect((await h.status()).find((x) => x.name === 'welcomer')!.error).toBeNull();
  });

  it('rebuild: a fresh generation from position 0 while the live one keeps answering; same documents after the swap', async () => {
    const last = await register(store, 800);
    const h = host(tally(1));
    await h.start();
    await h.waitFor('tally', last, 10_000);
    const before = await h.tables.dump('tally', 1);
    const [started] = await h.rebuild('tally');
    expect(started).toEqual({ name: 'tally', generation: 2, started: true });
    expect((await h.rebuild('tally'))[0]).toEqual({ name: 'tally', generation: 2, started: false });
    const answers: number[] = [];
    while ((await h.status())[0].generation !== 2) {
      answers.push((await read()).doc!.events);
      await new Promise((r) => setImmediate(r)); // an embedded store answers without I/O: give the runner its turn
    }
    expect(answers.every((n) => n === 800)).toBe(true);
    expect(await h.tables.dump('tally', 2)).toEqual(before);
  });

  it("the CLI's offline rebuild swaps in beside a running host, which then feeds the new generation", async () => {
    const last = await register(store, 600);
    const h = host(tally(1));
    await h.start();
    await h.waitFor('tally', last, 10_000);
    const cliReadStore = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    const progress: number[] = [];
    const [result] = await rebuildOffline({ store, readStore: cliReadStore, projections: [tally(1)], onProgress: (p) => progress.push(p.checkpoint) });
    await cliReadStore.close();
    expect(result).toMatchObject({ name: 'tally', generation: 2 });
    expect(progress.at(-1)).toBe(last);
    const more = await register(store, 20);
    expect(await h.waitFor('tally', more, 10_000)).toBe(true);
    expect((await read()).doc!.events).toBe(620);
    expect((await h.status())[0]).toMatchObject({ generation: 2, state: 'live' });
  });

  it("a status with no lag anywhere means nothing is under way, even when the store's last position answers late (PostgreSQL)", async () => {
    // The saga answers each care partner with a police one; the store answers its last position as
    // it was when asked, but 30 ms later, as a query over the network does.
    const partnerFor = (name: string) => {
      const id = randomUUID();
      const data = { partnerId: id, name: `Police for ${name}`, kind: 'police', occurredAt: '2025-01-01T00:00:00.000Z' };
      return store.append(`partner-${id}`, [{ id: randomUUID(), type: 'PartnerRegistered', data, metadata: { schemaVersion: 1 } }], 'no-stream');
    };
    const pairing: ProcessManager<Tally, string> = {
      ...welcomer(1),
      react: (_before, _after, event) => (event.type === 'PartnerRegistered' && event.data.kind === 'care' ? [event.data.name] : []),
    };
    const late = new Proxy(store, {
      get(target, key) {
        if (key === 'lastPosition') {
          return async () => {
            const position = await target.lastPosition();
            await new Promise((resolve) => setTimeout(resolve, 30));
            return position;
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const h = new ProjectionHost({
      store: late,
      readStore,
      projections: [tally(1)],
      reconcileMs: 100,
      group: { pageSize: 250, maxBatchEvents: 500 },
      sagas: [{ saga: pairing, dispatch: async (names) => void (await Promise.all(names.map(partnerFor))) }],
    });
    hosts.push(h);
    await h.start();
    for (let round = 1; round <= 8; round++) {
      await register(store, 1);
      const end = Date.now() + 10_000;
      let answer = await h.status();
      while (!answer.every((s) => s.lag === 0) && Date.now() < end) answer = await h.status();
      // Settled means the saga's own partner is in, and every projection has seen it.
      expect({ round, lastPosition: answer[0].lastPosition }).toEqual({ round, lastPosition: await store.lastPosition() });
      expect(answer.map((s) => s.checkpoint)).toEqual([2 * round, 2 * round]);
    }
  });

  it('two hosts feeding one read store (two API instances) still count each event once', async () => {
    const second = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    const a = host(tally(1));
    const b = host(tally(1), second);
    await a.start();
    await b.start();
    let last = 0;
    for (let round = 0; round < 10; round++) last = await register(store, 30);
    expect(await a.waitFor('tally', last, 20_000)).toBe(true);
    const end = Date.now() + 10_000;
    while ((await read()).position < last && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect((await read()).doc).toEqual({ events: 300, lastPosition: last, version: 1 });
    const kinds = await a.tables.dump('tally', 1);
    const events = (key: string) => (JSON.parse(kinds.get(key)!) as Tally).events;
    expect(events('kind:police') + events('kind:care')).toBe(300);
    await b.stop();
    await second.close();
  });
});
