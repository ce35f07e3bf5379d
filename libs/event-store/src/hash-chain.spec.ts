import { randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { eventHash, GENESIS_HASH } from './hash-chain';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { verifyStore } from './verify-store';

describe('hash chain over what is stored', () => {
  it('hashes a Date in data as the ISO text the store keeps', () => {
    const at = new Date('2025-03-01T10:00:00.000Z');
    const asObject = eventHash({ stream: 's', revision: 0, type: 'T', data: { at, list: [at] }, metadata: {} }, GENESIS_HASH);
    const asStored = eventHash({ stream: 's', revision: 0, type: 'T', data: { at: at.toISOString(), list: [at.toISOString()] }, metadata: {} }, GENESIS_HASH);
    expect(asObject).toBe(asStored);
    expect(canonicalJson({ b: at, a: 1 })).toBe('{"a":1,"b":"2025-03-01T10:00:00.000Z"}');
  });

  it('a log whose events carried Dates and other toJSON values verifies as whole', async () => {
    const store = SqliteEventStore.open(':memory:');
    try {
      const money = { toJSON: () => ({ cents: 1250, currency: 'EUR' }) };
      await store.append('dated', [{
        id: randomUUID(), type: 'Scheduled', data: { at: new Date('2025-03-01T10:00:00Z'), budget: money, skipped: undefined },
        metadata: { recordedBy: new Date('2025-03-02T00:00:00Z') },
      }], 'no-stream');
      await store.append('dated', [{ id: randomUUID(), type: 'Moved', data: { to: new Date(0) }, metadata: {} }], 0);
      const [first] = await store.readStream('dated');
      expect(first.data).toEqual({ at: '2025-03-01T10:00:00.000Z', budget: { cents: 1250, currency: 'EUR' } });
      expect(await verifyStore(store)).toEqual({ ok: true, count: 2 });
    } finally {
      await store.close();
    }
  });
});
