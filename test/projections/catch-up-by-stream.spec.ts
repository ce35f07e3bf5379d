import {
  ALL_PROJECTIONS,
  HeldUntilHeard,
  kpiOffTrackSaga,
  ProjectionGroup,
  ProjectionTables,
  type GroupMember,
  type GroupOptions,
  type HelpResult,
  type Projection,
  type StreamShare,
} from '../../libs/projections/src';
import { streamShare, takenBy } from '../../libs/projections/src/runner/stream-share';
import { createReadStore } from '../../libs/read-store/src';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';
import { generateLog } from './support/log-generator';
import { partnerStores, type PartnerStores } from './support/partner-stores';

const PROJECTIONS: ReadonlyArray<Projection<unknown>> = [...ALL_PROJECTIONS, kpiOffTrackSaga];

/** Everything a generation holds in the read store: documents, listings, summaries, rendered views, and its checkpoint. */
async function generationContents(stores: PartnerStores, name: string, generation: number) {
  const rows = (table: string, columns: string) =>
    stores.readStore.query<Record<string, unknown>>(`SELECT ${columns} FROM ${table} WHERE name = ? AND generation = ? ORDER BY ${columns}`, [
      name,
      generation,
    ]);
  const checkpoint = (await new ProjectionTables(stores.readStore).generations(name)).find((g) => g.generation === generation)!.checkpoint;
  return {
    documents: await rows('projection_documents', 'id, body'),
    lists: await rows('projection_lists', 'list, sort, id'),
    summaries: await rows('projection_summaries', 'id, body'),
    views: await rows('projection_views', 'id, meta, body'),
    checkpoint,
  };
}

/** Catches these projections up from nothing in one group, each into a generation of its own; answers the generations and the commands the saga asked for. */
async function catchUp(stores: PartnerStores, projections: ReadonlyArray<Projection<unknown>>, options: Partial<GroupOptions>) {
  const tables = new ProjectionTables(stores.readStore);
  await tables.ensureSchema();
  const generations = new Map<string, number>();
  for (const p of projections) generations.set(p.name, (await tables.createGeneration(p.name, p.version, 'building', null)).generation);
  const asked: unknown[] = [];
  const failed: string[] = [];
  const group = new ProjectionGroup(
    stores.store,
    tables,
    projections.map((projection) => ({ projection, generation: generations.get(projection.name)!, checkpoint: 0 })),
    {
      untilCaughtUp: true,
      dispatch: (_name, commands) => Promise.resolve(void asked.push(...commands)),
      onMemberFailed: (name, error) => void failed.push(`${name}: ${error.message}`),
      ...options,
    },
  );
  await group.run();
  return { generations, asked, failed, tables };
}

// A catch-up from nothing folds the log stream by stream (one stream's documents in memory at a
// time) instead of in log order. What a user reads afterwards must be exactly what the log in
// order gives: every document, every place in a list, every summary and view, and the saga's commands.
describe.each(['sqlite', 'postgres'] as const)('a catch-up from nothing, stream by stream, on the %s read store', (kind) => {
  // The event store is SQLite either way; its stream reads are the port's contract (test/store-contract).
  const stores = partnerStores(
    'regie-by-stream-',
    kind === 'sqlite' ? undefined : async () => createReadStore({ kind: 'postgres', databaseUrl: await freshDatabase(testDatabaseUrl()) }),
  );

  it('writes the same documents, listings and summaries, and asks the same commands, as one in log order', async () => {
    // Small appends taking turns between streams: the log interleaves the initiatives, each long
    // enough to be read in more than one page.
    const { lastPosition } = await generateLog(stores.store, { initiatives: 3, events: 4_500, seed: 7, chunk: 3 });
    expect(Math.max(...(await stores.store.listStreams()).map((s) => s.revision))).toBeGreaterThan(1000);
    const inOrder = await catchUp(stores, PROJECTIONS, { byStream: false });
    // Small batches: documents are written and dropped stream after stream.
    const byStream = await catchUp(stores, PROJECTIONS, { byStream: true, byStreamBatchEvents: 300 });
    expect(byStream.failed).toEqual([]);
    expect(inOrder.failed).toEqual([]);
    for (const p of PROJECTIONS) {
      const expected = await generationContents(stores, p.name, inOrder.generations.get(p.name)!);
      const actual = await generationContents(stores, p.name, byStream.generations.get(p.name)!);
      expect(expected.documents.length).toBeGreaterThan(0);
      if (p.render) expect(expected.views.length).toBeGreaterThan(0);
      expect({ name: p.name, ...actual }).toEqual({ name: p.name, ...expected });
      expect(actual.checkpoint).toBe(lastPosition);
    }
    expect(byStream.asked.length).toBeGreaterThan(0);
    expect(byStream.asked).toEqual(expect.arrayContaining(inOrder.asked));
    expect(byStream.asked).toHaveLength(inOrder.asked.length);
  }, 60_000);

  /**
   * The API's cold start: the catch-up thread's projections and the API's saga, from nothing, each
   * pass folding its side of the streams for both. Answers the projections' generations, how many
   * events each pass folded, what each side told the other, and what the saga asked for.
   */
  async function sharedCatchUp(share: StreamShare, api: 'helps' | 'starts late' | 'stops short') {
    const tables = new ProjectionTables(stores.readStore);
    await tables.ensureSchema();
    const live = async (projection: Projection<unknown>): Promise<GroupMember> => ({
      projection,
      generation: (await tables.createGeneration(projection.name, projection.version, 'live', null)).generation,
      checkpoint: 0,
    });
    const owned: GroupMember[] = [];
    for (const projection of ALL_PROJECTIONS) owned.push(await live(projection));
    const saga = await live(kpiOffTrackSaga);
    const told = { api: null as HelpResult | null, thread: null as HelpResult | null };
    let tellThread!: (result: HelpResult) => void;
    let tellApi!: (result: HelpResult) => void;
    const toThread = new Promise<HelpResult>((resolve) => (tellThread = resolve));
    const toApi = new Promise<HelpResult>((resolve) => (tellApi = resolve));
    const folded = { thread: 0, api: 0 };
    const asked: unknown[] = [];
    // Asked while the thread still folds: each with the revision of its initiative's portfolio document then.
    const askedEarly: Array<{ stream: string; portfolioAt: number | null }> = [];
    const portfolio = owned.find((m) => m.projection.name === 'portfolio')!;
    // As a CatchUpRun does: what the thread asks before the API's pass listens is held for it.
    const threadAsked = new HeldUntilHeard<HelpResult['effects']>();
    let apiStarts!: () => void;
    const apiStarted = new Promise<void>((resolve) => (apiStarts = resolve));
    if (api !== 'starts late') apiStarts();
    const thread = new ProjectionGroup(stores.store, tables, owned, {
      untilCaughtUp: true,
      byStreamBatchEvents: 300,
      sharing: {
        share,
        side: 'thread',
        helping: [saga],
        helped: toThread,
        done: (r) => {
          tellApi((told.thread = r));
          apiStarts();
        },
        ask: (e) => threadAsked.tell(e),
      },
      onProgress: (_position, events) => {
        folded.thread += events;
        // The API's thread starts its pass once its own start-up is done: here when the thread has folded two thirds of the log (or all it took).
        if (folded.thread >= (share.head * 2) / 3) apiStarts();
      },
    });
    const main = new ProjectionGroup(stores.store, tables, [saga], {
      untilCaughtUp: true,
      byStreamBatchEvents: 300,
      dispatch: async (_name, commands) => {
        if (told.thread === null) {
          for (const { initiativeId } of commands as Array<{ initiativeId: string }>) {
            const body = (await tables.load(portfolio.projection.name, portfolio.generation, [initiativeId])).get(initiativeId);
            askedEarly.push({
              stream: `initiative-${initiativeId}`,
              portfolioAt: body === undefined ? null : (JSON.parse(body) as { revision: number }).revision,
            });
          }
        }
        asked.push(...commands);
      },
      sharing: {
        share,
        side: 'api',
        helping: owned,
        helped: toApi,
        done: (r) => tellThread((told.api = r)),
        asked: (listener) => threadAsked.listen(listener),
      },
      onProgress: (_position, events) => {
        folded.api += events;
        // Stopped on its way (the API shutting down): what it wrote stays, the rest is left to the thread.
        if (api === 'stops short' && folded.api > 500) void main.stop();
      },
    });
    await Promise.all([thread.run(), apiStarted.then(() => main.run())]);
    return { generations: new Map(owned.map((m) => [m.projection.name, m.generation])), folded, asked, askedEarly, told };
  }

  it.each(['helps', 'starts late', 'stops short'] as const)(
    'shared by stream between the thread and the API, whose pass %s, writes the same documents as one pass in log order, each event counted once',
    async (api) => {
      // Many streams, so that the sides take their share a few streams at a time.
      const { lastPosition } = await generateLog(stores.store, { initiatives: 24, events: 4_000, seed: 11, chunk: 3 });
      const share = streamShare(lastPosition, await stores.store.listStreams());
      const streams = share.streams.map((s) => s.stream);
      // Appended after the head both passes fold to, to two streams and a new one: the owners' passes in log order take them, once.
      for (const stream of streams.filter((s) => s.startsWith('partner-')).slice(0, 2)) await stores.register(stream.slice('partner-'.length));
      const last = await stores.register('a-new-one');
      const inOrder = await catchUp(stores, PROJECTIONS, { byStream: false });
      const shared = await sharedCatchUp(share, api);
      expect(shared.told.thread?.written).toBe(true);
      const sides = streams.map((_, i) => takenBy(share, i));
      if (api !== 'stops short') {
        // Every stream went to one side, each side took some, and each pass read its streams only
        // (and both the events after the head, in log order).
        expect(sides.filter((side) => side === null)).toEqual([]);
        expect(new Set(sides)).toEqual(new Set(['api', 'thread']));
        expect(shared.folded.api + shared.folded.thread).toBe(lastPosition + 2 * (last - lastPosition));
        expect(shared.told.api?.written).toBe(true);
        // The saga's commands from the thread's side are asked for by the API, the same as in log order.
        expect(shared.asked).toHaveLength(inOrder.asked.length);
        expect(shared.asked).toEqual(expect.arrayContaining(inOrder.asked));
        // They are asked for as their streams are written, from both sides' streams, not all at the
        // end: each then starts from its initiative's portfolio document at the head.
        const headOf = new Map(share.streams.map((s, i) => [s.stream, { revision: s.revision, side: sides[i] }]));
        expect(new Set(shared.askedEarly.map(({ stream }) => headOf.get(stream)!.side))).toEqual(new Set(['api', 'thread']));
        for (const { stream, portfolioAt } of shared.askedEarly) expect({ stream, portfolioAt }).toEqual({ stream, portfolioAt: headOf.get(stream)!.revision });
      }
      if (api === 'helps') expect(shared.folded.thread).toBeLessThan(lastPosition * 0.9);
      if (api === 'starts late') {
        // Each side takes the next streams whenever it is ready for more: the one that starts late folds fewer.
        expect(shared.folded.thread).toBeGreaterThan(2 * shared.folded.api);
      }
      if (api === 'stops short') {
        // The thread folds the API's side itself.
        expect(shared.told.api?.written).toBe(false);
        expect(shared.folded.thread).toBeGreaterThanOrEqual(lastPosition);
      }
      for (const p of ALL_PROJECTIONS) {
        const expected = await generationContents(stores, p.name, inOrder.generations.get(p.name)!);
        const actual = await generationContents(stores, p.name, shared.generations.get(p.name)!);
        expect({ name: p.name, ...actual }).toEqual({ name: p.name, ...expected });
        expect(actual.checkpoint).toBe(last);
      }
    },
    60_000,
  );

  it('started again after it stopped halfway, counts no event twice and deletes what the events since delete', async () => {
    // A document per partner stream while it has an odd number of events: a second registration deletes it.
    const odd: Projection<{ events: number }> = {
      name: 'odd-registrations',
      version: 1,
      oneStreamPerDocument: true,
      documentIds: (event) => (event.type === 'PartnerRegistered' ? [event.data.partnerId] : []),
      reduce: (doc) => ((doc?.events ?? 0) % 2 === 0 ? { events: (doc?.events ?? 0) + 1 } : null),
    };
    const counter: Projection<{ events: number }> = {
      name: 'registrations',
      version: 1,
      oneStreamPerDocument: true,
      documentIds: (event) => (event.type === 'PartnerRegistered' ? [event.data.partnerId] : []),
      reduce: (doc) => ({ events: (doc?.events ?? 0) + 1 }),
    };
    const partners = Array.from({ length: 30 }, (_, i) => `p-${String(i).padStart(2, '0')}`);
    for (const p of partners) await stores.register(p);
    const tables = new ProjectionTables(stores.readStore);
    await tables.ensureSchema();
    const members = [
      { projection: odd, generation: (await tables.createGeneration(odd.name, 1, 'live', null)).generation, checkpoint: 0 },
      { projection: counter, generation: (await tables.createGeneration(counter.name, 1, 'live', null)).generation, checkpoint: 0 },
    ];

    // The first pass stops after its first batch: some documents written, the checkpoints still at 0.
    let commits = 0;
    const first: ProjectionGroup = new ProjectionGroup(stores.store, tables, members, {
      byStreamBatchEvents: 5,
      untilCaughtUp: true,
      onCommit: () => {
        if (++commits === 1) void first.stop();
      },
    });
    await first.run();
    const halfway = await tables.dump(counter.name, members[1].generation);
    expect(halfway.size).toBeGreaterThan(0);
    expect(halfway.size).toBeLessThan(partners.length);
    expect((await generationContents(stores, counter.name, members[1].generation)).checkpoint).toBe(0);
    expect(await tables.dump(odd.name, members[0].generation)).toEqual(halfway);

    // Meanwhile every partner registers again: the odd documents the first pass wrote must go.
    for (const p of partners) await stores.register(p);
    const last = await stores.register(partners[0]);
    await new ProjectionGroup(stores.store, tables, members, { byStreamBatchEvents: 5, untilCaughtUp: true }).run();

    const counted = await tables.dump(counter.name, members[1].generation);
    expect(counted.size).toBe(partners.length);
    for (const p of partners) expect(JSON.parse(counted.get(p)!)).toEqual({ events: p === partners[0] ? 3 : 2 });
    expect([...(await tables.dump(odd.name, members[0].generation)).entries()]).toEqual([[partners[0], JSON.stringify({ events: 1 })]]);
    for (const { projection, generation } of members) expect((await generationContents(stores, projection.name, generation)).checkpoint).toBe(last);
  });

  it('fails a projection whose document meets a second stream, and goes on with the others', async () => {
    const oneDocument: Projection<{ events: number }> = {
      name: 'all-partners',
      version: 1,
      oneStreamPerDocument: true,
      documentIds: (event) => (event.type === 'PartnerRegistered' ? ['all'] : []),
      reduce: (doc) => ({ events: (doc?.events ?? 0) + 1 }),
    };
    const counter: Projection<{ events: number }> = {
      ...oneDocument,
      name: 'per-partner',
      documentIds: (event) => (event.type === 'PartnerRegistered' ? [event.data.partnerId] : []),
    };
    for (const p of ['a', 'b', 'c']) await stores.register(p);
    const { failed, tables, generations } = await catchUp(stores, [oneDocument, counter], {});
    expect(failed).toEqual([
      expect.stringContaining('all-partners says one stream changes each document, but all is changed by events of partner-a and of partner-b'),
    ]);
    expect((await tables.dump(counter.name, generations.get(counter.name)!)).size).toBe(3);
    expect((await generationContents(stores, oneDocument.name, generations.get(oneDocument.name)!)).checkpoint).toBe(0);
  });
});
