import { randomUUID } from 'node:crypto';
import { ERASED_TEXT } from '../../../events';
import { SqliteEventStore, verifyStore, type EventToAppend } from '../../event-store/src';
import { KeyRing, MasterKeyMismatch } from './key-ring';
import { dataKeyMaster } from './master-key';
import { DataKeyMissing, SealingEventStore } from './sealing-event-store';
import { SqliteDataKeyStore } from './sqlite-data-key-store';

const MASTER = 'a master secret of at least thirty-two characters';
const at = '2025-03-01T09:00:00.000Z';
const lesson = (initiativeId: string, text: string): EventToAppend => ({
  id: randomUUID(),
  type: 'LessonRecorded',
  metadata: { schemaVersion: 1 },
  data: { initiativeId, lessonId: randomUUID(), lesson: text, occurredAt: at },
});

describe('the sealing store: free text sealed on the way in, opened (or erased) on the way out', () => {
  let inner: SqliteEventStore;
  let store: SealingEventStore;
  beforeEach(async () => {
    inner = SqliteEventStore.open(':memory:');
    store = new SealingEventStore(inner, await KeyRing.open(SqliteDataKeyStore.open(':memory:'), dataKeyMaster(':memory:', MASTER)));
  });
  afterEach(() => store.close());

  it('stores ciphertext, reads text, and the chain verifies over what is stored', async () => {
    await store.append('initiative-i1', [lesson('i1', 'schools first')], 'no-stream');
    const [raw] = await inner.readStream('initiative-i1');
    expect(JSON.stringify(raw.data)).not.toContain('schools first');
    expect(raw.data.lesson).toEqual({ $sealed: 'initiative', v: expect.any(String) as unknown });
    expect((await store.readStream('initiative-i1'))[0].data.lesson).toBe('schools first');
    expect(await verifyStore(inner)).toEqual({ ok: true, count: 1 });
  });

  it('reads plaintext written before sealing existed as it is, and as erased once its key is destroyed', async () => {
    await inner.append('initiative-old', [lesson('old', 'written in clear in 2024')], 'no-stream');
    expect((await store.readStream('initiative-old'))[0].data.lesson).toBe('written in clear in 2024');
    await store.append(
      'initiative-old',
      [
        {
          id: randomUUID(),
          type: 'FreeTextErased',
          metadata: { schemaVersion: 1 },
          data: { initiativeId: 'old', initiativeText: true, caseDays: [], retentionMonths: 12, reason: 'retention ran out', occurredAt: at },
        },
      ],
      0,
    );
    const [before, erasure] = await store.readStream('initiative-old');
    expect(before.data.lesson).toBe(ERASED_TEXT);
    expect(erasure.data.reason).toBe('retention ran out');
  });

  it('refuses to read sealed text whose key is neither there nor erased: lost keys are not an erasure', async () => {
    await store.append('initiative-i2', [lesson('i2', 'kept text')], 'no-stream');
    const amnesiac = new SealingEventStore(inner, await KeyRing.open(SqliteDataKeyStore.open(':memory:'), dataKeyMaster(':memory:', MASTER)));
    await expect(amnesiac.readStream('initiative-i2')).rejects.toThrow(DataKeyMissing);
  });

  it('refuses a master key other than the one the key table was made with', async () => {
    const keys = SqliteDataKeyStore.open(':memory:');
    await KeyRing.open(keys, dataKeyMaster(':memory:', MASTER));
    await expect(KeyRing.open(keys, dataKeyMaster(':memory:', `${MASTER}, but another`))).rejects.toThrow(MasterKeyMismatch);
  });
});
