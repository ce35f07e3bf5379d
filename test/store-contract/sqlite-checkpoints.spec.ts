import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore, sqliteFile } from '../../libs/event-store/src';
import { checkpointedRows } from '../support/checkpointed-rows';
import { tempDir } from '../support/temp-dir';

const event = () => ({ id: randomUUID(), type: 'Happened', data: { at: Date.now() }, metadata: {} });

describe('events.db checkpoints', () => {
  it('go into events.db from a thread of their own, well below the thousand pages of an automatic one, and the WAL goes at close', async () => {
    const dir = tempDir('regie-events-checkpoint-');
    try {
      const store = SqliteEventStore.open(sqliteFile(dir.path));
      try {
        for (let i = 0; i < 10; i++) await store.append(`stream-${i}`, [event(), event(), event(), event(), event()], 'no-stream');
        // Fifty small events fill a few pages of the WAL: SQLite's automatic checkpoint would leave them there.
        let rows = 0;
        for (let waited = 0; rows < 50 && waited < 5000; waited += 50) {
          await sleep(50);
          rows = checkpointedRows(dir.path, 'events.db', 'events');
        }
        expect(rows).toBe(50);
        // The writer and the store's reads go on as before.
        await store.append('stream-0', [event()], 4);
        expect(await store.readStream('stream-0')).toHaveLength(6);
      } finally {
        await store.close();
      }
      expect(existsSync(join(dir.path, 'events.db-wal'))).toBe(false);
      expect(checkpointedRows(dir.path, 'events.db', 'events')).toBe(51);
    } finally {
      dir.remove();
    }
  });
});
