/**
 * Prints, as JSON, how many heap bytes the whole log of DATA_DIR takes when held as one array of
 * StoredEvent (what an export that collects before it sends would need). Run with --expose-gc.
 */
import { SqliteEventStore, sqliteFile, type StoredEvent } from '../../../libs/event-store/src';

const main = async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const store = SqliteEventStore.open(sqliteFile(process.env.DATA_DIR!));
  gc();
  const before = process.memoryUsage().heapUsed;
  const all: StoredEvent[] = [];
  for (let after = 0; ;) {
    const page = await store.readAll(after, 1000);
    if (!page.length) break;
    for (const event of page) all.push(event);
    after = page[page.length - 1].position;
  }
  gc();
  process.stdout.write(JSON.stringify({ events: all.length, arrayBytes: process.memoryUsage().heapUsed - before }) + '\n');
  await store.close();
};

main().catch((error) => {
  process.stderr.write(String((error as { stack?: unknown } | null | undefined)?.stack ?? error) + '\n');
  process.exit(1);
});
