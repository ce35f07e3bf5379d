import { randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { chainEvents, eventHash, GENESIS_HASH, verifyStreamChain } from './hash-chain';
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
      await store.append(
        'dated',
        [
          {
            id: randomUUID(),
            type: 'Scheduled',
            data: { at: new Date('2025-03-01T10:00:00Z'), budget: money, skipped: undefined },
            metadata: { recordedBy: new Date('2025-03-02T00:00:00Z') },
          },
        ],
        'no-stream',
      );
      await store.append('dated', [{ id: randomUUID(), type: 'Moved', data: { to: new Date(0) }, metadata: {} }], 0);
      const [first] = await store.readStream('dated');
      expect(first.data).toEqual({ at: '2025-03-01T10:00:00.000Z', budget: { cents: 1250, currency: 'EUR' } });
      expect(await verifyStore(store)).toEqual({ ok: true, count: 2 });
    } finally {
      await store.close();
    }
  });
});

describe('chainEvents, the one hash loop every adapter appends through', () => {
  const batch = [
    { id: 'e-1', type: 'Started', data: { n: 1 }, metadata: { actor: 'a', hash: 'forged' } },
    { id: 'e-2', type: 'Moved', data: { n: 2 }, metadata: { actor: 'a' } },
  ];

  it('hashes each event onto the one before it, starting a new stream from the genesis hash', () => {
    const [first, second] = chainEvents('s', batch, { revision: -1, hash: null });
    expect(first.revision).toBe(0);
    expect(first.hash).toBe(eventHash({ stream: 's', revision: 0, type: 'Started', data: { n: 1 }, metadata: { actor: 'a' } }, GENESIS_HASH));
    expect(second.hash).toBe(eventHash({ stream: 's', revision: 1, type: 'Moved', data: { n: 2 }, metadata: { actor: 'a' } }, first.hash));
  });

  it('replaces a hash the caller put in the metadata, keeping it last as the stores write it', () => {
    const [first] = chainEvents('s', batch, { revision: -1, hash: null });
    expect(Object.keys(first.metadata)).toEqual(['actor', 'hash']);
    expect(first.metadata.hash).toBe(first.hash);
  });

  it('continues a stream from its head, so the whole stream verifies', () => {
    const opening = chainEvents('s', batch.slice(0, 1), { revision: -1, hash: null });
    const rest = chainEvents('s', batch.slice(1), { revision: 0, hash: opening[0].hash });
    const stored = [...opening, ...rest].map((e, i) => ({ ...e, stream: 's', position: i + 1, recordedAt: '' }));
    expect(verifyStreamChain('s', stored)).toBeNull();
    expect(rest[0].hash).toBe(chainEvents('s', batch, { revision: -1, hash: null })[1].hash);
  });
});
