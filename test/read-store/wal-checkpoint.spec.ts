import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createReadStore } from '../../libs/read-store/src';
import { checkpointedRows } from '../support/checkpointed-rows';
import { tempDir } from '../support/temp-dir';

const checkpointed = (dataDir: string): number => checkpointedRows(join(dataDir, 'read.db'), 'notes');

const writeNotes = async (store: Awaited<ReturnType<typeof createReadStore>>, count: number) => {
  await store.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  await store.transaction(async (tx) => {
    for (let i = 0; i < count; i++) await tx.execute('INSERT INTO notes (body) VALUES (?)', [`note ${i}`]);
  });
};

describe('read.db checkpoints', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterAll(() => dirs.forEach((d) => d.remove()));

  it('with checkpointOnThread, go into read.db from a thread of their own, well below the thousand pages of an automatic one', async () => {
    const dir = tempDir('regie-checkpoint-');
    dirs.push(dir);
    const store = await createReadStore({ kind: 'sqlite', dataDir: dir.path, checkpointOnThread: true });
    try {
      await writeNotes(store, 50);
      let rows = 0;
      for (let waited = 0; rows < 50 && waited < 5000; waited += 50) {
        await sleep(50);
        rows = checkpointed(dir.path);
      }
      expect(rows).toBe(50);
      // The store's own connection still reads and writes as before.
      await store.execute('INSERT INTO notes (body) VALUES (?)', ['one more']);
      expect(await store.query('SELECT COUNT(*) AS n FROM notes')).toEqual([{ n: 51 }]);
    } finally {
      await store.close();
    }
    // The last checkpoint ran as it stopped; closing took the WAL away.
    expect(checkpointed(dir.path)).toBe(51);
  });

  it('with checkpointOnThread, keep the WAL bounded under writes that keep coming', async () => {
    const dir = tempDir('regie-checkpoint-');
    dirs.push(dir);
    const store = await createReadStore({ kind: 'sqlite', dataDir: dir.path, checkpointOnThread: true });
    const page = 'x'.repeat(3900);
    try {
      await store.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      // The same twenty rows over and over: read.db stays small, and every transaction adds some
      // twenty pages to the WAL, about 160 MB in all. Between two transactions a millisecond, as
      // between two rounds of the projections: never long enough for a checkpoint to catch up in.
      for (let round = 0; round < 2000; round++) {
        await store.transaction(async (tx) => {
          for (let id = 0; id < 20; id++) await tx.execute('INSERT OR REPLACE INTO notes (id, body) VALUES (?, ?)', [id, `${page}${round}`]);
        });
        await sleep(1);
      }
      // The WAL file never shrinks: its size is the most it ever held. A PASSIVE checkpoint alone
      // left it at everything written (82 MB of 82 MB at half as many rounds); starting it over
      // keeps it near 16 MB (25–32 MB seen).
      expect(statSync(join(dir.path, 'read.db-wal')).size).toBeLessThan(80_000_000);
      expect(await store.query('SELECT COUNT(*) AS n FROM notes')).toEqual([{ n: 20 }]);
    } finally {
      await store.close();
    }
  });

  it('without it, stay in the WAL until SQLite checkpoints automatically or the store closes', async () => {
    const dir = tempDir('regie-checkpoint-');
    dirs.push(dir);
    const store = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    try {
      await writeNotes(store, 50);
      await sleep(1000);
      expect(checkpointed(dir.path)).toBe(0);
    } finally {
      await store.close();
    }
    expect(checkpointed(dir.path)).toBe(50);
  });
});
