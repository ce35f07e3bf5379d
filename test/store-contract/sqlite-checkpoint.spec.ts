import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore, sqliteFile, verifyStore } from '../../libs/event-store/src';
import { checkpointedRows } from '../support/checkpointed-rows';
import { tempDir } from '../support/temp-dir';

const event = (data: Record<string, unknown> = {}) => ({ id: randomUUID(), type: 'Happened', data, metadata: {} });

const checkpointedEvents = (dataDir: string): number => checkpointedRows(sqliteFile(dataDir), 'events');

describe('SQLite event store checkpoints', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterAll(() => dirs.forEach((d) => d.remove()));

  it('go into events.db from a thread of their own, long before the thousand pages at which a commit would do it', async () => {
    const dir = tempDir('regie-events-checkpoint-');
    dirs.push(dir);
    const store = SqliteEventStore.open(sqliteFile(dir.path));
    try {
      for (let i = 0; i < 30; i++) await store.append(`s-${i % 3}`, [event({ i })], 'any');
      let copied = 0;
      for (let waited = 0; copied < 30 && waited < 5000; waited += 50) {
        await sleep(50);
        copied = checkpointedEvents(dir.path);
      }
      expect(copied).toBe(30);
      // Appends go on as before, and the chain holds.
      await store.append('s-0', [event({ i: 30 })], 'any');
      expect(await store.readAll(0, 100)).toHaveLength(31);
      expect((await verifyStore(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
    // Closing made a last checkpoint.
    expect(checkpointedEvents(dir.path)).toBe(31);
  });

  it('keep the WAL bounded under appends that keep coming', async () => {
    const dir = tempDir('regie-events-checkpoint-');
    dirs.push(dir);
    const store = SqliteEventStore.open(sqliteFile(dir.path));
    const text = 'x'.repeat(3000);
    try {
      // 50 in flight at a time, each event about a page: some 20,000 pages, 80 MB, through the WAL,
      // from a writer that hardly pauses.
      for (let round = 0; round < 400; round++) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(`s-${i}`, [event({ text, round })], 'any')));
      }
      // The WAL file never shrinks: its size is the most it ever held. Checkpointed by the thread
      // alone it held 37–72 MB; started over by the writer past 16 MB, 23–24 MB.
      expect(statSync(`${sqliteFile(dir.path)}-wal`).size).toBeLessThan(32_000_000);
      expect(await store.readAll(0, 100_000)).toHaveLength(20_000);
    } finally {
      await store.close();
    }
  });
});
