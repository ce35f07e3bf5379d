import { setTimeout as sleep } from 'node:timers/promises';
import { createReadStore } from '../../libs/read-store/src';
import { checkpointedRows as rowsIn } from '../support/checkpointed-rows';
import { tempDir } from '../support/temp-dir';

const checkpointedRows = (dataDir: string): number => rowsIn(dataDir, 'read.db', 'notes');

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
        rows = checkpointedRows(dir.path);
      }
      expect(rows).toBe(50);
      // The store's own connection still reads and writes as before.
      await store.execute('INSERT INTO notes (body) VALUES (?)', ['one more']);
      expect(await store.query('SELECT COUNT(*) AS n FROM notes')).toEqual([{ n: 51 }]);
    } finally {
      await store.close();
    }
    // The last checkpoint ran as it stopped; closing took the WAL away.
    expect(checkpointedRows(dir.path)).toBe(51);
  });

  it('without it, stay in the WAL until SQLite checkpoints automatically or the store closes', async () => {
    const dir = tempDir('regie-checkpoint-');
    dirs.push(dir);
    const store = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    try {
      await writeNotes(store, 50);
      await sleep(1000);
      expect(checkpointedRows(dir.path)).toBe(0);
    } finally {
      await store.close();
    }
    expect(checkpointedRows(dir.path)).toBe(50);
  });
});
