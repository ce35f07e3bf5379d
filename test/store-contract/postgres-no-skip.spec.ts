/**
 * The skipped-subscriber trap: positions come from a sequence, taken before commit, so without
 * care transactions commit out of position order and a subscriber that has read "after N" never
 * sees an event at a position below N that committed late. Many writers on their own connections
 * append at once while one subscriber follows along: it must see every event exactly once, in
 * strictly increasing position order.
 */
import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../../libs/event-store/src';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';

const WRITERS = 8;
const APPENDS_PER_WRITER = 250;
const TOTAL = WRITERS * APPENDS_PER_WRITER;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('postgres: a subscriber never skips an event that commits late', () => {
  jest.setTimeout(120_000);
  const stores: PostgresEventStore[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it(`${WRITERS} concurrent writers x ${APPENDS_PER_WRITER} appends: every event seen once, in position order`, async () => {
    const url = await freshDatabase(testDatabaseUrl());
    const reader = await PostgresEventStore.open(url);
    stores.push(reader);
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => PostgresEventStore.open(url)));
    stores.push(...writers);

    const seen: StoredEvent[] = [];
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = reader.subscribe(0, { onCaughtUp: () => caughtUp() });
    const following = (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    await ready;

    // Each writer runs a few appends at a time (several pool connections each), on streams of its own.
    await Promise.all(
      writers.map(async (store, w) => {
        const lanes = 4;
        await Promise.all(
          Array.from({ length: lanes }, async (_, lane) => {
            for (let i = lane; i < APPENDS_PER_WRITER; i += lanes) {
              await store.append(`writer-${w}-${i % 10}`, [{ id: randomUUID(), type: 'Written', data: { w, i }, metadata: {} }], 'any');
            }
          }),
        );
      }),
    );

    // Let the subscriber reach the last position (a skip does not stop it from getting there).
    const last = await reader.lastPosition();
    const deadline = Date.now() + 30_000;
    while ((seen.at(-1)?.position ?? 0) < last && Date.now() < deadline) await sleep(20);
    await subscription.close();
    await following;

    const stored: StoredEvent[] = [];
    for (let page = await reader.readAll(0, 1000); page.length > 0; page = await reader.readAll(page.at(-1)!.position, 1000)) {
      stored.push(...page);
    }
    expect(stored).toHaveLength(TOTAL);

    const positions = seen.map((e) => e.position);
    const outOfOrder = positions.filter((p, i) => i > 0 && p <= positions[i - 1]);
    expect(outOfOrder).toEqual([]);
    const seenIds = new Set(seen.map((e) => e.id));
    const missing = stored.filter((e) => !seenIds.has(e.id)).map((e) => e.position);
    expect(missing).toEqual([]);
    expect(seen.map((e) => e.id)).toEqual(stored.map((e) => e.id));
  });
});
