import { createWriteStream } from 'node:fs';
import { devNull } from 'node:os';
import { createEventStore, type EventStore } from '../libs/event-store/src';
import { readLogPages, writeNdjson } from '../libs/event-store/src/ndjson';
import { median } from './table';

const PAGE = 1000;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** readAll pages only: the adapter's query plus its JSON.parse of data and metadata, nothing written. */
const rawRead = async (store: EventStore): Promise<number> => {
  const start = process.hrtime.bigint();
  let count = 0;
  for (let after = 0; ;) {
    const page = await store.readAll(after, PAGE);
    if (!page.length) break;
    count += page.length;
    after = page[page.length - 1].position;
  }
  return count / seconds(start);
};

/** The export path of GET /api/events and `cli export`: snapshot pages, NDJSON lines, a writable with backpressure (/dev/null). */
const exportToNull = async (store: EventStore): Promise<number> => {
  const start = process.hrtime.bigint();
  const upTo = await store.lastPosition();
  const count = await writeNdjson(readLogPages(store, { upTo, pageSize: PAGE }), createWriteStream(devNull));
  return count / seconds(start);
};

/**
 * Export rate beside raw read rate on the same SQLite store (DATA_DIR-style folder holding
 * events.db): what writing NDJSON costs on top of reading. One warm-up read (page cache), then
 * `rounds` interleaved rounds, medians.
 */
export async function exportBench(dataDir: string, rounds = 3): Promise<{ exportEventsPerSec: number; rawReadEventsPerSec: number }> {
  const store = await createEventStore({ kind: 'sqlite', dataDir });
  try {
    if ((await store.lastPosition()) === 0) throw new Error(`exportBench: the store in ${dataDir} is empty`);
    await rawRead(store);
    const raw: number[] = [];
    const exported: number[] = [];
    for (let r = 0; r < rounds; r++) {
      raw.push(await rawRead(store));
      exported.push(await exportToNull(store));
    }
    return { exportEventsPerSec: Math.round(median(exported)), rawReadEventsPerSec: Math.round(median(raw)) };
  } finally {
    await store.close();
  }
}
